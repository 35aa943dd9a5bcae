import { InlineKeyboard } from "grammy";
import type { FeatureDeps, InnerContext } from "../../bot/deps.js";
import { VIOLATION_TYPES, type ViolationType } from "../../models/ticket.js";
import { distanceM } from "../../services/routing/distance.js";
import { codeOwner } from "../../services/registry/code-owner.js";
import { describeCode } from "../../services/registry/describe-code.js";
import { reportLinks, venueCodeText } from "../../services/registry/report-link.js";
import type { Verification } from "../../services/registry/verify-code.js";
import { fullName } from "../../services/routing/ward-ref.js";
import { visibleText } from "../../services/text/visible-text.js";
import { submittedArgs, submitReport, type SubmitResult } from "../../services/tickets/submit-report.js";
import { CANCEL, DATA, RestartReport, choose, nextUpdate, pressed, startIdleClock, type ReportConversation } from "./ask.js";
import { collectPhotos, downloadPhotos, shorten, type PhotoFacts } from "./photos.js";
import { collectPlace, type Place } from "./place.js";
import { label } from "../../services/text/labels.js";

/** A photo whose own GPS lies farther than this from the shared location is flagged for officers. */
export const EXIF_FAR_M = 500;
export const MAX_NOTE = 1000;
const TYPE = `${DATA}t:`;
const [YES, NO, SKIP, CONFIRM, CHANGE] = ["yes", "no", "skip", "ok", "change"].map((s) => DATA + s) as [string, string, string, string, string];

interface Draft {
  type: ViolationType;
  photos: PhotoFacts[];
  place: Place;
  note?: string;
  /** The code the report is about (never the poster's link to the bot). */
  decodedText?: string;
  verification?: Verification;
  flags: string[];
}

/**
 * The report: type → photos → place → note → summary → confirm. Nothing is stored before
 * Confirm; every database, decoder or clock call runs through conversation.external so a
 * replay (after a restart too) sees the first run's answers.
 */
export function reportConversation(deps: FeatureDeps) {
  return async function report(conv: ReportConversation, ctx: InnerContext): Promise<void> {
    await startIdleClock(conv, deps);
    for (;;) {
      const draft = await collectDraft(conv, deps, ctx).catch((e: unknown) => {
        if (e instanceof RestartReport) return "restart" as const;
        throw e;
      });
      if (draft === "restart") continue;
      if (!draft) return;
      await ctx.reply(summary(ctx, draft), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-confirm"), CONFIRM).row().text(ctx.t("button-change"), CHANGE).text(ctx.t("button-cancel"), CANCEL),
      });
      if ((await choose(conv, deps, [CONFIRM, CHANGE])) === CHANGE) continue;
      const accountId = ctx.account.id;
      const result = await conv.external(() => submit(deps, accountId, draft));
      await ctx.reply(ctx.t(result.merged ? "report-merged" : "report-opened", submittedArgs(result, (k) => ctx.t(k))));
      return;
    }
  };
}

async function collectDraft(conv: ReportConversation, deps: FeatureDeps, ctx: InnerContext): Promise<Draft | undefined> {
  const types = new InlineKeyboard();
  for (const t of VIOLATION_TYPES) types.text(label(ctx.t, "type", t), TYPE + t).row();
  types.text(ctx.t("button-cancel"), CANCEL);
  await ctx.reply(ctx.t("report-choose-type"), { reply_markup: types });
  const type = (await choose(conv, deps, VIOLATION_TYPES.map((t) => TYPE + t))).slice(TYPE.length) as ViolationType;

  const photos = await collectPhotos(conv, deps, ctx, type);
  const decodedText = venueCodeText(photos.flatMap((p) => p.decode.codes), reportLinks(deps.config));
  if (type === "unscannable" && decodedText && !(await goOn(conv, deps, ctx, "report-hint-readable"))) return undefined;

  // The code's venue (judged without a place yet) is routing's fallback when no location is shared.
  const codeVenue = decodedText ? (await conv.external(() => deps.verifier.verifyCode(decodedText))).venue : undefined;
  const place = await collectPlace(conv, deps, ctx, codeVenue);
  const verification = decodedText ? await conv.external(() => deps.verifier.verifyCode(decodedText, place.location)) : undefined;
  if (type === "wrong_info" && verification?.verdict === "official" && !(await goOn(conv, deps, ctx, "report-hint-looks-official"))) return undefined;

  const note = await collectNote(conv, deps, ctx);
  const here = place.location;
  const far = here && photos.some((p) => p.exif.gps && distanceM(here, p.exif.gps) > EXIF_FAR_M);
  return { type, photos, place, note, decodedText, verification, flags: far ? ["exif_gps_far"] : [] };
}

async function goOn(conv: ReportConversation, deps: FeatureDeps, ctx: InnerContext, question: string): Promise<boolean> {
  await ctx.reply(ctx.t(question), { reply_markup: new InlineKeyboard().text(ctx.t("button-yes"), YES).text(ctx.t("button-no"), NO) });
  if ((await choose(conv, deps, [YES, NO])) === YES) return true;
  await ctx.reply(ctx.t("report-hint-declined"), { reply_markup: { remove_keyboard: true } });
  return false;
}

/** A note of up to 1,000 characters, or none; a follow-up to a ticket asks in its own words (`ask`). */
export async function collectNote(conv: ReportConversation, deps: FeatureDeps, first: InnerContext, ask = "report-note-ask"): Promise<string | undefined> {
  await first.reply(first.t(ask), { reply_markup: new InlineKeyboard().text(first.t("button-skip"), SKIP).text(first.t("button-cancel"), CANCEL) });
  for (;;) {
    const ctx = await nextUpdate(conv, deps);
    if (ctx.callbackQuery) {
      if ((await pressed(conv, ctx, [SKIP])) === SKIP) return undefined;
      continue;
    }
    const text = ctx.message?.text?.trim();
    if (text && text.length <= MAX_NOTE) return text;
    await ctx.reply(text ? ctx.t("report-note-too-long", { length: text.length }) : ctx.t(ask));
  }
}

function summary(ctx: InnerContext, d: Draft): string {
  const none = ctx.t("report-none");
  const code = d.decodedText;
  const verdict = d.verification?.verdict ?? "no_code";
  const owner = codeOwner(verdict, d.verification?.venue, d.place.location);
  const text = ctx.t("report-summary", {
    type: label(ctx.t, "type", d.type),
    photos: d.photos.length,
    code: code && d.verification ? described(ctx, code, d.verification) : none,
    verdict: label(ctx.t, "verdict", verdict),
    ward: `${fullName(d.place.ward)}, ${d.place.ward.provinceName}`,
    note: d.note ? visibleText(shorten(d.note, 200)) : none,
  });
  const raw = code ? [ctx.t("report-code-raw", { raw: visibleText(shorten(code)) })] : [];
  // What becomes public and what stays with the ward, said before the resident confirms.
  const notice = ctx.t("report-public-notice");
  const ownerLine = owner
    ? [ctx.t(owner.distanceM === undefined ? "report-code-owner" : "report-code-owner-far", { venue: owner.name, address: owner.address, distance: owner.distanceM ?? 0 })]
    : [];
  return [text, ...ownerLine, ...raw, notice].join("\n");
}

function described(ctx: InnerContext, code: string, v: Verification): string {
  const what = describeCode(code, v);
  return ctx.t(what.key, what.vars);
}

async function submit(deps: FeatureDeps, accountId: string, d: Draft): Promise<SubmitResult> {
  const photos = await downloadPhotos(deps, d.photos);
  return submitReport(
    deps.stores,
    {
      accountId, channel: deps.channel ?? "telegram", violationType: d.type, ward: d.place.ward, location: d.place.location,
      address: d.place.address, note: d.note, photos, decodedText: d.decodedText,
      verification: d.verification, flags: d.flags,
    },
    deps.clock(),
  );
}
