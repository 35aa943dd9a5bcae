import { InlineKeyboard } from "grammy";
import type { FeatureDeps, InnerContext } from "../../bot/deps.js";
import { TELEGRAM_MAX_DOWNLOAD_BYTES } from "../../bot/telegram/download-file.js";
import type { ViolationType } from "../../models/ticket.js";
import { evidenceFacts, type ExifFacts } from "../../services/evidence/evidence-facts.js";
import type { DecodeResult } from "../../services/qr/decode-qr.js";
import { DecoderBusyError, ImageRejectedError } from "../../services/qr/errors.js";
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

type ReadOutcome = { ok: true; facts: PhotoFacts } | { ok: false; text: string };

async function readPhoto(deps: FeatureDeps, fileId: string, filename: string | undefined): Promise<ReadOutcome> {
  try {
    const bytes = await deps.downloadFile(fileId);
    const decode = await deps.decoder.decode(bytes);
    const facts = await evidenceFacts(bytes);
    return { ok: true, facts: { fileId, filename, mime: facts.mime, sha256: facts.sha256, exif: facts.exif, decode } };
  } catch (e) {
    if (e instanceof ImageRejectedError) return { ok: false, text: "report-photo-rejected" };
    if (e instanceof DecoderBusyError) return { ok: false, text: "report-photo-busy" };
    if (e instanceof DownloadError) {
      deps.logger.warn({ err: e, reason: e.reason }, "photo download failed");
      return { ok: false, text: `report-photo-download-${e.reason}` };
    }
    throw e;
  }
}

/** The file the message carries, or the text key explaining why it cannot be used. */
function fileOf(ctx: InnerContext): { fileId: string; filename?: string } | { refuse: string } {
  const m = ctx.message;
  const photo = m?.photo?.at(-1);
  if (photo) return (photo.file_size ?? 0) > TELEGRAM_MAX_DOWNLOAD_BYTES ? { refuse: "report-photo-too-large" } : { fileId: photo.file_id };
  const doc = m?.document;
  if (doc) {
    if (!doc.mime_type?.startsWith("image/")) return { refuse: "report-photo-not-image" };
    if ((doc.file_size ?? 0) > TELEGRAM_MAX_DOWNLOAD_BYTES) return { refuse: "report-photo-too-large" };
    return { fileId: doc.file_id, filename: doc.file_name };
  }
  return { refuse: "report-photo-wrong-kind" };
}

/** One or more photos, each decoded while the resident sees "sending photo…". */
export async function collectPhotos(conv: ReportConversation, deps: FeatureDeps, first: InnerContext, type: ViolationType): Promise<PhotoFacts[]> {
  const cancel = new InlineKeyboard().text(first.t("button-cancel"), CANCEL);
  await first.reply(first.t(type === "no_poster" ? "report-photo-ask-entrance" : "report-photo-ask"), { reply_markup: cancel });
  const photos: PhotoFacts[] = [];
  while (photos.length < MAX_PHOTOS) {
    const ctx = await nextUpdate(conv, deps);
    if (ctx.callbackQuery) {
      if ((await pressed(conv, ctx, photos.length > 0 ? [DONE] : [])) === DONE) return photos;
      continue;
    }
    const file = fileOf(ctx);
    if ("refuse" in file) {
      await ctx.reply(ctx.t(file.refuse));
      continue;
    }
    await ctx.replyWithChatAction("upload_photo");
    const read = await conv.external(() => readPhoto(deps, file.fileId, file.filename));
    if (!read.ok) {
      await ctx.reply(ctx.t(read.text));
      continue;
    }
    photos.push(read.facts);
    const code = read.facts.decode.codes[0]?.text;
    const said = code
      ? ctx.t("report-photo-read", { count: photos.length, code: shorten(code) })
      : ctx.t("report-photo-no-code", { count: photos.length });
    await ctx.reply(`${said}\n${ctx.t("report-photo-more")}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("button-photos-done"), DONE).text(ctx.t("button-cancel"), CANCEL),
    });
  }
  return photos;
}

export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
