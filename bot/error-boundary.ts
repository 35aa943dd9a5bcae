import type { I18n } from "@grammyjs/i18n";
import type { Middleware } from "grammy";
import type { Logger } from "../platform/logger.js";
import type { BotContext, UpdateFlavor } from "./deps.js";
import { localeFromTelegram } from "../services/text/i18n.js";
import { UpdateBusyError } from "./update-claim.js";

/**
 * The one error boundary, outermost, for every way an update arrives (polling, webhook, Zalo's
 * inbox): it gives the update its logger, and when anything below throws, logs the error with
 * the update id and tells the person, in their language, that it failed. The update itself
 * then counts as handled by the transport; the once-only claim below has already been released,
 * so a redelivery of the same update is handled again.
 */
export function errorBoundary(o: { logger: Logger; channel: string; i18n: I18n<BotContext> }): Middleware<BotContext> {
  return async (ctx, next) => {
    ctx.logger = o.logger.child({ channel: o.channel, updateId: ctx.update.update_id });
    try {
      await next();
    } catch (err) {
      // Not a failure: the transport answers so that the update comes again (bot/update-claim.ts).
      if (err instanceof UpdateBusyError) throw err;
      ctx.logger.error({ err }, "update failed");
      // The account is missing when the failure came before it was loaded.
      const locale = (ctx as Partial<UpdateFlavor>).account?.locale ?? localeFromTelegram(ctx.from?.language_code);
      const text = o.i18n.t(locale, "error-generic");
      const tell = async () => {
        // Answered already or too old: the answer fails, the message below still goes out.
        if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
        if (ctx.chat) await ctx.reply(text);
      };
      await tell().catch((e: unknown) => ctx.logger.warn({ err: e }, "could not tell the user about the failure"));
    }
  };
}
