import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api, type Context, type Middleware, type Transformer } from "grammy";

/**
 * The transformers every Bot API call goes through, whichever Api makes it (bot.api, each
 * update's, each conversation step's): retries after 429 and network errors, and (unless
 * turned off) Telegram's per-chat pacing. One throttler instance, so all calls share the pace.
 */
export function apiTransformers(o: { throttle: boolean }): Transformer[] {
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  if (!o.throttle) return [retry];
  const throttle = apiThrottler();
  // A chat action ("sending a photo…") is no message: Telegram's pace of about one message a second per
  // chat is for messages. Paced too, it delayed every answer to a photo by a second more (bench:intake).
  const paceMessages: Transformer = (prev, method, payload, signal) =>
    method === "sendChatAction" ? prev(method, payload, signal) : throttle(prev, method, payload, signal);
  return [retry, paceMessages];
}

/**
 * A conversations plugin: @grammyjs/conversations builds a fresh Api for each context it
 * replays, with only its own transformer, which records each call's result so a replay does
 * not send again. Our transformers go beneath that recorder: a retry or a throttling wait is
 * part of the one recorded call, so a replay neither sends again nor waits again (installed
 * on top, the throttler would pace every replayed call and autoRetry would sleep through a
 * recorded 429 on every later step).
 */
export function beneathConversationRecorder<C extends Context>(transformers: Transformer[]): Middleware<C> {
  return async (ctx, next) => {
    const api = new Api(ctx.api.token, ctx.api.options);
    api.config.use(...transformers, ...ctx.api.config.installedTransformers());
    (ctx as { api: Api }).api = api;
    await next();
  };
}
