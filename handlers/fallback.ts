import { Composer } from "grammy";
import type { BotContext } from "../bot/deps.js";

/** Installed last: whatever no feature took gets a polite pointer, never silence. */
export function fallback(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("fallback-button") });
  });
  c.on(["message:sticker", "message:voice", "message:video", "message:video_note", "message:animation", "message:audio"], (ctx) =>
    ctx.reply(ctx.t("fallback-media")),
  );
  c.on("message", (ctx) => ctx.reply(ctx.t("fallback-unknown")));
  return c;
}

/**
 * In groups the bot answers only commands addressed to it, and only to send people to a
 * private chat: reports carry photos and locations that do not belong in a group.
 */
export function groupFilter(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.filter(
    (ctx) => ctx.chat !== undefined && ctx.chat.type !== "private",
    async (ctx) => {
      const text = ctx.message?.text ?? "";
      const addressed = text.startsWith("/") && text.split(/\s/)[0]!.toLowerCase().endsWith(`@${ctx.me.username.toLowerCase()}`);
      if (addressed) await ctx.reply(ctx.t("group-private-only"));
    },
  );
  return c;
}
