import type { I18n } from "@grammyjs/i18n";
import { limit } from "@grammyjs/ratelimiter";
import type { Middleware } from "grammy";
import type { BotContext } from "./deps.js";
import { localeFromTelegram } from "../services/text/i18n.js";

/**
 * Updates per user per window; the rest are dropped before anything loads or queues. The first
 * dropped update of a window is told why, once; every dropped button press is answered, else the
 * client spins until it gives up (on Telegram with the reason, a toast that costs nothing; on Zalo,
 * where an answer's text becomes a message out of the resident's quota, only the first carries it).
 * The account is not loaded yet here, so the language comes from the client.
 *
 * It runs before the per-chat queue: counted there, a flood waiting behind slow answers reached it
 * at the pace of the answers and never filled a window, and a refused press waited behind the flood.
 */
export function rateLimit(o: { limit: number; timeFrameMs: number; i18n: I18n<BotContext>; quietPresses?: boolean }): Middleware<BotContext> {
  const told = new Set<string>();
  return limit<BotContext, never>({
    limit: o.limit,
    timeFrame: o.timeFrameMs,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    alwaysReply: true,
    onLimitExceeded: async (ctx) => {
      const text = o.i18n.t(localeFromTelegram(ctx.from?.language_code), "rate-limited");
      const key = ctx.from!.id.toString();
      const first = !told.has(key);
      if (first) {
        told.add(key);
        setTimeout(() => told.delete(key), o.timeFrameMs).unref();
        ctx.logger.info("rate limit reached");
      }
      // The answer is a courtesy: the retry policy beneath already tried; a failure must not become an error reply.
      if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery(first || !o.quietPresses ? { text } : {}).catch(() => undefined));
      if (first && ctx.chat?.type === "private") await ctx.reply(text).catch(() => undefined);
    },
  });
}
