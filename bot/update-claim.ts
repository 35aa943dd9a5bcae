import type { Middleware } from "grammy";
import type { Stores } from "../models/index.js";
import type { BotContext } from "./deps.js";

/** Longer than any handling should take; a claim older than this belongs to a handler that died. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Each update is handled once, however often it is delivered (webhook retries, a restarted
 * poller, two instances). The claim is released when the handler throws, so the update's
 * redelivery is handled instead of being swallowed; it is marked done only after success.
 */
export function onceOnly(store: Stores["processedUpdates"], channel: string, clock: () => Date): Middleware<BotContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (!(await store.claim(channel, id, clock(), CLAIM_LEASE_MS))) return void ctx.logger.info("update delivered again: skipped");
    try {
      await next();
    } catch (e) {
      // Should the release fail, the claim stays until its lease ends and a redelivery before then is skipped.
      await store.release(channel, id).catch((err: unknown) => ctx.logger.error({ err }, "could not release the update claim"));
      throw e;
    }
    // The person was answered: a failure to record that is the log's business, not theirs.
    await store.finish(channel, id).catch((err: unknown) => ctx.logger.error({ err }, "could not mark the update done"));
  };
}
