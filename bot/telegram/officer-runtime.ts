import { randomBytes } from "node:crypto";
import { startDeadlineSweeper, type DeadlinePolicy } from "../../services/tickets/deadlines.js";
import { telegramDeadlineNotifier } from "./deadline-notifier.js";
import { createWardCardWorker, type WardCardDeps } from "./ward-cards.js";

/**
 * The officers' background work on one instance: posting new tickets' cards and sweeping
 * deadlines. Both claim each unit of work, so any number of instances can run them.
 */
export function startOfficerRuntime(deps: WardCardDeps & { deadlines: DeadlinePolicy }, intervals = { cardsMs: 2_000, sweepMs: 60_000 }): { stop(): void } {
  const cards = createWardCardWorker(deps);
  let draining: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    draining ??= cards
      .drain()
      .catch((e: unknown) => deps.logger.error({ err: e }, "ticket card worker failed"))
      .finally(() => (draining = undefined));
  }, intervals.cardsMs);
  timer.unref();
  const stopSweeper = startDeadlineSweeper(
    { ...deps.stores, clock: deps.clock, policy: deps.deadlines, notifier: telegramDeadlineNotifier(deps), instance: randomBytes(4).toString("hex") },
    intervals.sweepMs,
    (e) => deps.logger.error({ err: e }, "deadline sweep failed"),
  );
  return {
    stop() {
      clearInterval(timer);
      stopSweeper();
    },
  };
}
