import type { I18n } from "@grammyjs/i18n";
import { limit } from "@grammyjs/ratelimiter";
import type { Middleware } from "grammy";
import type { BotContext } from "./deps.js";
import { localeFromTelegram } from "./i18n.js";

/**
 * Updates per user per window; the rest are dropped before anything loads. A dropped button
 * press is still answered (with the reason), else the client spins until it gives up; a dropped
 * message is answered once per window, so a flood does not get a flood back. The account is not
 * loaded yet here, so the language comes from the client.
 */
export function rateLimit(o: { limit: number; timeFrameMs: number; i18n: I18n<BotContext> }): Middleware<BotContext> {
  const told = new Set<string>();
  return limit<BotContext, never>({
    limit: o.limit,
    timeFrame: o.timeFrameMs,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    alwaysReply: true,
    onLimitExceeded: async (ctx) => {
      const text = o.i18n.t(localeFromTelegram(ctx.from?.language_code), "rate-limited");
      if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text }).catch(() => undefined));
      const key = ctx.from!.id.toString();
      if (told.has(key)) return;
      told.add(key);
      setTimeout(() => told.delete(key), o.timeFrameMs).unref();
      ctx.logger.info("rate limit reached");
      if (ctx.chat?.type === "private") await ctx.reply(text).catch(() => undefined);
    },
  });
}
