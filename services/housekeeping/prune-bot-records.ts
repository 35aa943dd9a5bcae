import type { Logger } from "../../platform/logger.js";
import type { Stores } from "../../models/index.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long bot bookkeeping is kept. Telegram holds an undelivered update for at most 24 hours
 * and Zalo retries a webhook within minutes, so a week of update ids still refuses every
 * re-delivery. A report idle for 30 minutes is closed on the resident's next message, so a
 * conversation untouched for a week is abandoned; nothing in it was acknowledged as a report.
 */
export const RETENTION = { processedUpdatesMs: 7 * DAY_MS, conversationsMs: 7 * DAY_MS } as const;
const EVERY_MS = 60 * 60 * 1000;

export interface PruneDeps {
  stores: Pick<Stores, "processedUpdates" | "botState">;
  clock: () => Date;
  logger: Logger;
}

/**
 * Deletes expired update claims and conversation state. MongoDB could expire them with TTL
 * indexes, but the embedded FerretDB ignores TTL, and one code path for both keeps the
 * behaviour tested. Safe to run on every instance at once: deleteMany is idempotent.
 */
export async function pruneBotRecords({ stores, clock, logger }: PruneDeps): Promise<{ updates: number; conversations: number }> {
  const now = clock().getTime();
  const updates = await stores.processedUpdates.pruneBefore(new Date(now - RETENTION.processedUpdatesMs));
  const conversations = await stores.botState.pruneBefore(new Date(now - RETENTION.conversationsMs));
  if (updates + conversations > 0) logger.info({ updates, conversations }, "pruned expired bot records");
  return { updates, conversations };
}

/** Runs pruneBotRecords now and then hourly until stopped; a failed run is logged and retried next hour. */
export function startBotRecordPruning(deps: PruneDeps): { stop(): void } {
  const run = () => pruneBotRecords(deps).catch((err: unknown) => deps.logger.warn({ err }, "pruning bot records failed"));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
