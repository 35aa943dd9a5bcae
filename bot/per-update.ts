import type { Conversation } from "@grammyjs/conversations";
import type { Middleware } from "grammy";
import type { Channel } from "../models/account.js";
import type { Stores } from "../models/index.js";
import type { Logger } from "../platform/logger.js";
import type { BotContext, InnerContext } from "./deps.js";
import { localeFromTelegram } from "../services/text/i18n.js";

/**
 * Loads the sender's account once per update (created as a resident on first contact, in the
 * client's language) for every feature below. Updates without a sender (channel posts) stop
 * here: no feature serves them.
 */
export function loadAccount(accounts: Stores["accounts"], channel: Channel): Middleware<BotContext> {
  return async (ctx, next) => {
    if (!ctx.from) return void ctx.logger.debug("update without a sender: ignored");
    ctx.account = await accounts.ensure(channel, String(ctx.from.id), {
      locale: localeFromTelegram(ctx.from.language_code),
      displayName: ctx.from.first_name,
    });
    await next();
  };
}

/**
 * A conversations plugin: the contexts a conversation builds did not pass through
 * loadAccount. Each step's account is read from the update's own context through `external`,
 * so it is recorded with the step and a replay reads it back instead of the database.
 */
export function accountInConversation(logger: Logger, channel: Channel) {
  // Earlier steps' contexts keep replying later (the report's first context sends the summary), so
  // a language chosen during the report (/language) is carried back to them.
  const stepsOf = new WeakMap<Conversation<BotContext, InnerContext>, InnerContext[]>();
  return (conversation: Conversation<BotContext, InnerContext>): Middleware<InnerContext>[] => {
    const steps = stepsOf.get(conversation) ?? [];
    stepsOf.set(conversation, steps);
    return [
      async (ctx, next) => {
        ctx.account = await conversation.external((outer) => ({ id: outer.account.id, locale: outer.account.locale }));
        ctx.logger = logger.child({ channel, updateId: ctx.update.update_id });
        for (const earlier of steps) {
          if (earlier.account.locale === ctx.account.locale) continue;
          earlier.account = { ...earlier.account, locale: ctx.account.locale };
          await earlier.i18n.renegotiateLocale();
        }
        steps.push(ctx);
        await next();
      },
    ];
  };
}
