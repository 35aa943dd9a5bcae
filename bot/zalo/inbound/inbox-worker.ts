import { randomUUID } from "node:crypto";
import type { ZaloInboxEntry, ZaloInboxStore } from "../../../models/zalo-inbox.js";
import type { ZaloLeaseStore } from "../../../models/zalo-lease.js";
import type { Logger } from "../../../platform/logger.js";

export interface ZaloInboxWorkerOptions {
  inbox: ZaloInboxStore;
  leases: ZaloLeaseStore;
  process: (entry: ZaloInboxEntry) => Promise<void>;
  logger: Logger;
  clock?: () => Date;
  /** How long a claim lasts; an instance that dies mid-event lets the event come back after this. */
  leaseMs?: number;
  maxAttempts?: number;
  /** How often to look for entries left by crashed claims or other instances. */
  sweepMs?: number;
  /** Entries with the same key (the Zalo user) are never processed at the same time by two instances. */
  serializeBy?: (entry: ZaloInboxEntry) => string | undefined;
  /** How long processed entries (and so their dedupe keys) are kept. */
  retentionMs?: number;
}

/**
 * Processes the inbox one entry at a time per instance. Each entry is claimed through
 * a lease, so several instances share the inbox; entries stored before a crash are
 * picked up on start.
 */
export function createZaloInboxWorker(o: ZaloInboxWorkerOptions) {
  const clock = o.clock ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 60_000;
  const maxAttempts = o.maxAttempts ?? 5;
  const owner = randomUUID();
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function runOne(entry: ZaloInboxEntry, attempt: number, subject: string): Promise<void> {
    const log = o.logger.child({ channel: "zalo", event: entry.eventName, key: entry.key });
    try {
      await o.process(entry);
      await o.inbox.done(entry.key, attempt);
    } catch (e) {
      const retry = attempt < maxAttempts ? new Date(clock().getTime() + 2 ** attempt * 1000) : undefined;
      log.error({ err: e, attempt, willRetry: Boolean(retry) }, "zalo event processing failed");
      await o.inbox.failed(entry.key, attempt, String((e as Error).message ?? e), retry);
      await o.leases.release(subject, attempt);
    }
  }

  /** One pass over what is available; true when it processed something. */
  async function pass(): Promise<boolean> {
    let worked = false;
    for (const entry of await o.inbox.available(clock(), 20)) {
      const serial = o.serializeBy?.(entry);
      const serialSubject = serial === undefined ? undefined : `zalo-serial:${serial}`;
      const serialGeneration = serialSubject ? await o.leases.acquire(serialSubject, owner, clock(), leaseMs) : 0;
      // Another instance is busy with this user: it takes this entry on its next pass.
      if (serialGeneration === undefined) continue;
      const subject = `zalo-inbox:${entry.key}`;
      const attempt = await o.leases.acquire(subject, owner, clock(), leaseMs);
      // Lost the race, or done by the winner between our read and our claim.
      if (attempt !== undefined && (await o.inbox.isPending(entry.key))) {
        await runOne(entry, attempt, subject);
        worked = true;
      }
      if (serialSubject) await o.leases.release(serialSubject, serialGeneration);
    }
    return worked;
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      while (await pass());
    } while (again);
  }

  let prunedAt = 0;
  async function prune(): Promise<void> {
    const now = clock().getTime();
    if (now - prunedAt < 3600_000) return;
    prunedAt = now;
    const before = new Date(now - (o.retentionMs ?? 7 * 24 * 3600_000));
    await Promise.all([o.inbox.prune(before), o.leases.prune(before)]).catch((e: unknown) => o.logger.warn({ err: e }, "zalo inbox prune failed"));
  }

  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop()
      .catch((e: unknown) => o.logger.error({ err: e }, "zalo inbox loop failed"))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    /** Processes everything available now; resolves when nothing is left for this instance. */
    drain,
    /** Picks up what a previous run left, then sweeps periodically. */
    start(): Promise<void> {
      timer ??= setInterval(() => void drain().then(prune), o.sweepMs ?? 5000);
      timer.unref();
      return drain();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type ZaloInboxWorker = ReturnType<typeof createZaloInboxWorker>;
