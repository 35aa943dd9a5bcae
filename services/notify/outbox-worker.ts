import type { accountStore } from "../../models/account.js";
import type { OutboxStore } from "../../models/outbox.js";
import type { Logger } from "../../platform/logger.js";
import { repeating, type Repeating } from "../../platform/repeat.js";
import type { ChannelSenders, ResidentMessage } from "./resident-message.js";

export interface OutboxWorkerDeps {
  outbox: OutboxStore;
  accounts: Pick<ReturnType<typeof accountStore>, "byId">;
  senders: ChannelSenders;
  clock: () => Date;
  logger: Logger;
  /** Attempts before a message is given up as failed (default 8: about 21 minutes of retrying). */
  maxAttempts?: number;
  /** First retry delay; doubles with every failure (default 5 s). */
  baseDelayMs?: number;
}

/** A sender that hangs longer than this loses its claim and the message is tried again. */
const LEASE_MS = 60_000;

/**
 * Sends residents' messages from the outbox. Each message is claimed atomically before
 * sending, so several workers (or instances) deliver it once; failures retry with
 * exponential backoff.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const maxAttempts = deps.maxAttempts ?? 8;
  const baseDelayMs = deps.baseDelayMs ?? 5_000;
  const channels = Object.keys(deps.senders);
  let loop: { delivery: Repeating; unsubscribe: () => void } | undefined;
  let running: Promise<number> | undefined;

  async function deliverOne(): Promise<boolean> {
    const now = deps.clock();
    const m = await deps.outbox.claimDue("account", channels, now, LEASE_MS);
    if (!m) return false;
    // An account that does not exist (a report anonymised at its resident's request) never will: no retry.
    let nobody = false;
    try {
      const account = m.accountId ? await deps.accounts.byId(m.accountId) : undefined;
      const sender = m.channel ? deps.senders[m.channel] : undefined;
      nobody = !account;
      if (!account || !sender) throw new Error("no account or no sender for its channel");
      await sender.send(account, JSON.parse(m.payload) as ResidentMessage);
      await deps.outbox.markSent(m.id, deps.clock());
    } catch (e) {
      const retryAt = !nobody && m.attempts < maxAttempts ? new Date(now.getTime() + baseDelayMs * 2 ** (m.attempts - 1)) : undefined;
      deps.logger.warn({ err: e, outboxId: m.id, attempts: m.attempts, retryAt }, "notification not delivered");
      await deps.outbox.markFailed(m.id, String((e as Error).message ?? e), retryAt);
    }
    return true;
  }

  async function drain(): Promise<number> {
    let n = 0;
    while (await deliverOne()) n++;
    return n;
  }

  return {
    /** Delivers every message due now; returns how many were attempted. */
    drain(): Promise<number> {
      running ??= drain().finally(() => (running = undefined));
      return running;
    },
    /** Delivers on a timer, and at once when this process queues a resident's message. */
    start(intervalMs = 2_000): void {
      if (loop) return;
      const delivery = repeating(intervalMs, () => this.drain(), (e) => deps.logger.error({ err: e }, "outbox worker failed"));
      loop = { delivery, unsubscribe: deps.outbox.onEnqueued((audience) => audience === "account" && delivery.wake()) };
    },
    async stop(): Promise<void> {
      loop?.unsubscribe();
      loop?.delivery.stop();
      loop = undefined;
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
