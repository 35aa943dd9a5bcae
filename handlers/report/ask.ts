import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BotContext, FeatureDeps, InnerContext } from "../../bot/deps.js";

export type ReportConversation = Conversation<BotContext, InnerContext>;

/** A report left this long without an answer is closed; the next message says so. */
export const IDLE_MS = 30 * 60_000;
/** Every button of the report starts with this, so stale or foreign data is told apart. */
export const DATA = "r:";
export const CANCEL = `${DATA}x`;
const CONTINUE = `${DATA}go-on`;
const RESTART = `${DATA}restart`;

/** Commands that answer during a report without disturbing it: their own handlers reply, the report stays at its step. */
const PASS_THROUGH = new Set(["mytickets", "ticket", "help", "language"]);

/** Thrown (deterministically, so replays agree) when the resident chooses to start the report over. */
export class RestartReport extends Error {
  override readonly name = "RestartReport";
}

/** When each running report last heard from its resident (rebuilt identically on every replay). */
const lastSeen = new WeakMap<ReportConversation, number>();

/** Starts the idle clock when the report begins. */
export async function startIdleClock(conv: ReportConversation, deps: FeatureDeps): Promise<void> {
  lastSeen.set(conv, await conv.external(() => deps.clock().getTime()));
}

/**
 * The next update of this chat for the report: closes an idle report, lets /mytickets,
 * /ticket, /help and /language (and their buttons) through to their own handlers without
 * leaving the step, and asks whether to continue or start over on /report and /start. The
 * clock is read through external right after each wait, so a replay (after a restart too)
 * sees the first run's times.
 */
export async function nextUpdate(conv: ReportConversation, deps: FeatureDeps): Promise<InnerContext> {
  for (;;) {
    const ctx = await conv.wait();
    const now = await conv.external(() => deps.clock().getTime());
    const before = lastSeen.get(conv);
    lastSeen.set(conv, now);
    if (before !== undefined && now - before > IDLE_MS) {
      await ctx.reply(ctx.t("report-idle-closed"), { reply_markup: { remove_keyboard: true } });
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      return conv.halt();
    }
    const data = ctx.callbackQuery?.data;
    // Buttons of other features (language, ticket pages) belong to their handlers.
    if (data !== undefined && !data.startsWith(DATA)) return conv.skip({ next: true });
    if (data === CONTINUE || data === RESTART) {
      await ctx.answerCallbackQuery();
      if (data === RESTART) throw new RestartReport();
      await ctx.reply(ctx.t("report-continuing"));
      continue;
    }
    const command = /^\/(\w+)(@\w+)?(\s|$)/.exec(ctx.message?.text ?? "");
    if (!command) return ctx;
    const name = command[1]!.toLowerCase();
    const startPayload = name === "start" && ctx.message!.text!.trim().split(/\s+/).length > 1;
    if (PASS_THROUGH.has(name) || startPayload) return conv.skip({ next: true });
    if (name === "report" || name === "start") {
      await ctx.reply(ctx.t("report-continue-or-restart"), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-continue-report"), CONTINUE).text(ctx.t("button-restart-report"), RESTART),
      });
      continue;
    }
    await ctx.reply(ctx.t("report-in-progress"));
  }
}

/**
 * The button pressed, when it is one of `allowed`; the cancel button ends the report.
 * Anything else (stale, foreign or tampered data) is answered politely and yields undefined.
 */
export async function pressed(conv: ReportConversation, ctx: InnerContext, allowed: readonly string[]): Promise<string | undefined> {
  const data = ctx.callbackQuery?.data;
  if (data === undefined) return undefined;
  if (data === CANCEL) {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("cancel-done"), { reply_markup: { remove_keyboard: true } });
    return conv.halt();
  }
  if (allowed.includes(data)) {
    await ctx.answerCallbackQuery();
    return data;
  }
  await ctx.answerCallbackQuery({ text: ctx.t("fallback-button") });
  return undefined;
}

/** Asks until one of the buttons is pressed; typed text gets a reminder to use them. */
export async function choose(conv: ReportConversation, deps: FeatureDeps, allowed: readonly string[]): Promise<string> {
  for (;;) {
    const ctx = await nextUpdate(conv, deps);
    const data = await pressed(conv, ctx, allowed);
    if (data) return data;
    if (!ctx.callbackQuery) await ctx.reply(ctx.t("report-use-buttons"));
  }
}
