import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api, HttpError, type Context, type Middleware, type Transformer } from "grammy";
import type { ApiResponse } from "grammy/types";
import { fitToTelegram } from "./message-limits.js";
import { defaultRetryPolicy, PERMANENT, TRANSIENT, withRetry, type Outcome, type RetryTiming, type Verdict } from "./outbound-retry.js";

/**
 * Which Bot API failures pass: 429 (after Telegram's retry_after), any 5xx, and a request that never
 * got an answer (grammY's HttpError: refused or dropped connection, timeout, a proxy's HTML 502).
 * Everything else (400 "message is too long", 403 "bot was blocked") would fail the same way again.
 * A thrown error that is no HttpError comes from a transformer beneath (Zalo's bridge, which retries
 * its own calls) and is final here.
 */
export function judgeBotApi(outcome: Outcome<ApiResponse<unknown>>, signal?: { aborted: boolean }): Verdict {
  if (!outcome.ok) return outcome.error instanceof HttpError && !signal?.aborted ? TRANSIENT : PERMANENT;
  const r = outcome.value;
  if (r.ok) return PERMANENT;
  if (r.error_code === 429) return { retry: true, afterMs: (r.parameters?.retry_after ?? 1) * 1000 };
  return r.error_code >= 500 ? TRANSIENT : PERMANENT;
}

/** The Bot API's retry transformer, on the shared policy (Telegram asks for waits of up to about 30 s). */
export function botApiRetry(timing?: RetryTiming): Transformer {
  const policy = { ...defaultRetryPolicy(timing), maxElapsedMs: 35_000 };
  return ((prev, method, payload, signal) =>
    withRetry(policy, () => prev(method, payload, signal), (o) => judgeBotApi(o, signal))) as Transformer;
}

/**
 * The transformers every Bot API call goes through, whichever Api makes it (bot.api, each
 * update's, each conversation step's): texts fitted to Telegram's limits, retries after 429, 5xx
 * and network errors, and (unless
 * turned off) Telegram's per-chat pacing. One throttler instance, so all calls share the pace.
 */
export function apiTransformers(o: { throttle: boolean; retryTiming?: RetryTiming }): Transformer[] {
  const retry = botApiRetry(o.retryTiming);
  // Outermost: a long text's parts are each paced and retried on their own.
  const fit = fitToTelegram();
  if (!o.throttle) return [retry, fit];
  const throttle = apiThrottler();
  // A chat action ("sending a photo…") is no message: Telegram's pace of about one message a second per
  // chat is for messages. Paced too, it delayed every answer to a photo by a second more (bench:intake).
  const paceMessages: Transformer = (prev, method, payload, signal) =>
    method === "sendChatAction" ? prev(method, payload, signal) : throttle(prev, method, payload, signal);
  return [retry, paceMessages, fit];
}

/**
 * A conversations plugin: @grammyjs/conversations builds a fresh Api for each context it
 * replays, with only its own transformer, which records each call's result so a replay does
 * not send again. Our transformers go beneath that recorder: a retry or a throttling wait is
 * part of the one recorded call, so a replay neither sends again nor waits again (installed
 * on top, the throttler would pace every replayed call and the retry would sleep through a
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
