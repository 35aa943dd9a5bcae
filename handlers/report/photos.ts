import { InlineKeyboard } from "grammy";
import type { FeatureDeps, InnerContext } from "../../bot/deps.js";
import type { ViolationType } from "../../models/ticket.js";
import { evidenceFacts, type ExifFacts } from "../../services/evidence/evidence-facts.js";
import type { DecodeResult } from "../../services/qr/decode-qr.js";
import { DecoderBusyError, ImageRejectedError, type ImageRejectionReason } from "../../services/qr/errors.js";
import { IMAGE_LIMITS } from "../../services/qr/load-image.js";
import { describeCode } from "../../services/registry/describe-code.js";
import { reportLinks, venueCodeText } from "../../services/registry/report-link.js";
import type { ReportPhoto } from "../../services/tickets/submit-report.js";
import { DownloadError } from "../../bot/download-error.js";
import { CANCEL, DATA, nextUpdate, pressed, type ReportConversation } from "./ask.js";

export const MAX_PHOTOS = 5;
const DONE = `${DATA}done`;

/** What the server learnt from one photo: plain JSON, kept in the conversation state. */
export interface PhotoFacts {
  fileId: string;
  filename?: string;
  mime: string;
  sha256: string;
  exif: ExifFacts;
  decode: DecodeResult;
}

/** Why an upload was refused, as a locale key and its arguments (plain JSON for the conversation). */
interface Refusal {
  key: string;
  args?: Record<string, string | number>;
}

type ReadOutcome = { ok: true; facts: PhotoFacts } | { ok: false; refusal: Refusal };

const MB = 1024 * 1024;
const TOO_LARGE: Refusal = { key: "report-photo-too-large", args: { mb: IMAGE_LIMITS.maxBytes / MB } };

/** The resident's explanation of each decoder refusal; the README's list of refusals matches these. */
function refusalFor(e: ImageRejectedError): Refusal {
  const keys: Record<ImageRejectionReason, Refusal> = {
    empty: { key: "report-photo-empty" },
    not_image: { key: "report-photo-not-image" },
    corrupt: { key: "report-photo-damaged" },
    unsupported_format: { key: "report-photo-unsupported", args: { format: e.detail ?? "?" } },
    heic: { key: "report-photo-heic" },
    too_large_bytes: TOO_LARGE,
    too_many_pixels: { key: "report-photo-too-many-pixels", args: { megapixels: IMAGE_LIMITS.maxPixels / 1_000_000 } },
    animation: { key: "report-photo-animation" },
  };
  return keys[e.reason];
}

async function readPhoto(deps: FeatureDeps, fileId: string, filename: string | undefined): Promise<ReadOutcome> {
  try {
    const bytes = await deps.downloadFile(fileId);
    const decode = await deps.decoder.decode(bytes);
    const facts = await evidenceFacts(bytes);
    return { ok: true, facts: { fileId, filename, mime: facts.mime, sha256: facts.sha256, exif: facts.exif, decode } };
  } catch (e) {
    if (e instanceof ImageRejectedError) {
      deps.logger.info({ reason: e.reason, detail: e.detail }, "upload refused");
      return { ok: false, refusal: refusalFor(e) };
    }
    if (e instanceof DecoderBusyError) return { ok: false, refusal: { key: "report-photo-busy" } };
    if (e instanceof DownloadError) {
      deps.logger.warn({ err: e, reason: e.reason }, "photo download failed");
      return { ok: false, refusal: { key: `report-photo-download-${e.reason}` } };
    }
    throw e;
  }
}

/** The file the message carries, or why it cannot be used (told before downloading anything). */
function fileOf(ctx: InnerContext): { fileId: string; filename?: string } | { refuse: Refusal } {
  const m = ctx.message;
  const photo = m?.photo?.at(-1);
  if (photo) return (photo.file_size ?? 0) > IMAGE_LIMITS.maxBytes ? { refuse: TOO_LARGE } : { fileId: photo.file_id };
  const doc = m?.document;
  if (doc) {
    if (!doc.mime_type?.startsWith("image/")) return { refuse: { key: "report-photo-not-image" } };
    if ((doc.file_size ?? 0) > IMAGE_LIMITS.maxBytes) return { refuse: TOO_LARGE };
    return { fileId: doc.file_id, filename: doc.file_name };
  }
  return { refuse: { key: "report-photo-wrong-kind" } };
}

/**
 * One or more photos, each decoded while the resident sees "sending photo…". A follow-up to a
 * ticket (issue 17) asks in its own words (`ask`) and may allow none (`optional`: a note alone).
 */
export async function collectPhotos(
  conv: ReportConversation,
  deps: FeatureDeps,
  first: InnerContext,
  type: ViolationType,
  o: { ask?: string; optional?: boolean } = {},
): Promise<PhotoFacts[]> {
  const cancel = new InlineKeyboard();
  if (o.optional) cancel.text(first.t("button-skip"), DONE);
  cancel.text(first.t("button-cancel"), CANCEL);
  await first.reply(first.t(o.ask ?? (type === "no_poster" ? "report-photo-ask-entrance" : "report-photo-ask")), { reply_markup: cancel });
  const photos: PhotoFacts[] = [];
  while (photos.length < MAX_PHOTOS) {
    const ctx = await nextUpdate(conv, deps);
    if (ctx.callbackQuery) {
      if ((await pressed(conv, ctx, photos.length > 0 || o.optional ? [DONE] : [])) === DONE) return photos;
      continue;
    }
    const file = fileOf(ctx);
    if ("refuse" in file) {
      await ctx.reply(ctx.t(file.refuse.key, file.refuse.args));
      continue;
    }
    await ctx.replyWithChatAction("upload_photo");
    const read = await conv.external(() => readPhoto(deps, file.fileId, file.filename));
    if (!read.ok) {
      await ctx.reply(ctx.t(read.refusal.key, read.refusal.args));
      continue;
    }
    photos.push(read.facts);
    const code = venueCodeText(read.facts.decode.codes, reportLinks(deps.config));
    // What the code is, in words; where the poster hangs is judged once the place is known.
    const what = code && describeCode(code, await conv.external(() => deps.verifier.verifyCode(code)));
    const said = what
      ? ctx.t("report-photo-read", { count: photos.length, code: ctx.t(what.key, what.vars) })
      : ctx.t("report-photo-no-code", { count: photos.length });
    const gps = read.facts.exif.gps ? [ctx.t("report-photo-gps")] : [];
    await ctx.reply([said, ...gps, ctx.t("report-photo-more")].join("\n"), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-photos-done"), DONE).text(ctx.t("button-cancel"), CANCEL),
    });
  }
  return photos;
}

/** The photos' bytes, downloaded again at submission (the conversation keeps file ids only), with their facts. */
export async function downloadPhotos(deps: FeatureDeps, photos: PhotoFacts[]): Promise<ReportPhoto[]> {
  const out: ReportPhoto[] = [];
  for (const p of photos) out.push({ bytes: await deps.downloadFile(p.fileId), mime: p.mime, filename: p.filename, decode: p.decode, exif: p.exif });
  return out;
}

export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
