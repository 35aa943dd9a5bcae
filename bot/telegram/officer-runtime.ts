import { randomBytes } from "node:crypto";
import { repeating } from "../../platform/repeat.js";
import { startDeadlineSweeper } from "../../services/tickets/deadlines.js";
import type { WardCardDeps } from "./ward-cards.js";
import { createWardOutboxWorker } from "./ward-outbox.js";

/**
 * The officers' background work on one instance: delivering ward messages (cards, reminders)
 * and sweeping deadlines into the outbox. Both claim each unit of work, so any number of
 * instances can run them.
 */
export function startOfficerRuntime(deps: WardCardDeps, intervals = { cardsMs: 2_000, sweepMs: 60_000 }): { stop(): void } {
  const cards = createWardOutboxWorker(deps);
  // A pass only claims and starts deliveries (up to four wards at once); it is run again when one ends.
  const delivery = repeating(intervals.cardsMs, () => cards.fill(), (e) => deps.logger.error({ err: e }, "ward message worker failed"));
  cards.onDeliveryEnd(() => delivery.wake());
  // A change made on this instance (a press, a console action) reaches the cards now, not on the next tick.
  const unsubscribe = deps.stores.outbox.onEnqueued((audience) => audience === "ward" && delivery.wake());
  const stopSweeper = startDeadlineSweeper(
    { ...deps.stores, clock: deps.clock, instance: randomBytes(4).toString("hex") },
    intervals.sweepMs,
    (e) => deps.logger.error({ err: e }, "deadline sweep failed"),
  );
  return {
    stop() {
      unsubscribe();
      delivery.stop();
      stopSweeper();
    },
  };
}
