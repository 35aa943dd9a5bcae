import { randomUUID } from "node:crypto";
import type { Middleware } from "grammy";
import type { Stores } from "../models/index.js";
import type { BotContext } from "./deps.js";

/**
 * How long a claim outlives its last heartbeat. The handler renews it every third of that while
 * it works, so a live handler keeps its update however long it takes, and an instance that died
 * (SIGKILL, a lost machine) lets go of its updates within seconds instead of minutes.
 */
export const CLAIM_LEASE_MS = 15_000;
const HEARTBEAT_MS = CLAIM_LEASE_MS / 3;

/**
 * Another handler, alive by its lease, is working on this update (Telegram or a proxy delivered
 * it twice). The webhook answers 503 so that Telegram delivers it again later: by then it is
 * done (and skipped) or its handler died (and this instance takes it over). A 200 would drop it.
 */
export class UpdateBusyError extends Error {
  override readonly name = "UpdateBusyError";
  constructor(readonly updateId: number) {
    super(`update ${updateId} is being handled by another instance`);
  }
}

/**
 * Each update is handled once, however often it is delivered (webhook retries, a restarted
 * poller, two instances). The claim is released when the handler throws, so the update's
 * redelivery is handled instead of being swallowed; it is marked done only after success.
 * `whileBusy`: a webhook refuses a delivery another live handler holds (Telegram redelivers);
 * a poller, which gets no redelivery, waits until the holder finishes or its lease runs out.
 */
export function onceOnly(
  store: Stores["processedUpdates"], channel: string, clock: () => Date, whileBusy: "refuse" | "wait",
): Middleware<BotContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const owner = randomUUID();
    for (;;) {
      const claim = await store.claim(channel, id, owner, clock(), CLAIM_LEASE_MS);
      if (claim === "mine") break;
      if (claim === "done") return void ctx.logger.info("update delivered again: skipped");
      if (whileBusy === "refuse") throw new UpdateBusyError(id);
      await new Promise((r) => setTimeout(r, HEARTBEAT_MS));
    }
    const working = { now: true };
    const heartbeat = setInterval(() => {
      store
        .renew(channel, id, owner, new Date(clock().getTime() + CLAIM_LEASE_MS))
        // A renewal that lands after the handler finished finds the claim done: nothing was lost.
        .then((held) => held || !working.now || ctx.logger.warn("update claim lost while handling it: another instance may handle it too"))
        .catch((err: unknown) => ctx.logger.warn({ err }, "could not renew the update claim"));
    }, HEARTBEAT_MS);
    const stop = () => {
      working.now = false;
      clearInterval(heartbeat);
    };
    try {
      await next();
    } catch (e) {
      stop();
      // Should the release fail, the claim stays until its lease ends and a redelivery before then is refused.
      await store.release(channel, id, owner).catch((err: unknown) => ctx.logger.error({ err }, "could not release the update claim"));
      throw e;
    }
    stop();
    // The person was answered: a failure to record that is the log's business, not theirs.
    await store.finish(channel, id).catch((err: unknown) => ctx.logger.error({ err }, "could not mark the update done"));
  };
}
