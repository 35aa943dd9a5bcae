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
  /** Entries with the same key (the Zalo user) are processed in order, never two at a time, across instances. */
  serializeBy?: (entry: ZaloInboxEntry) => string | undefined;
  /** How many residents' events this instance handles at the same time. */
  parallel?: number;
  /** Entries read per pass: enough that a burst's residents each bring several, handled under one claim. */
  batch?: number;
  /** How long the keys of handled events are kept (a redelivery within it is recognised). */
  retentionMs?: number;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/**
 * Processes the inbox: each pass reads the oldest available entries, groups them by resident,
 * and handles the groups in parallel, each resident's events in order under one claim (a
 * lease), so several instances share the inbox. Entries stored before a crash are picked up on start.
 */
export function createZaloInboxWorker(o: ZaloInboxWorkerOptions) {
  const clock = o.clock ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 60_000;
  const maxAttempts = o.maxAttempts ?? 5;
  const parallel = o.parallel ?? 8;
  const batch = o.batch ?? 1000;
  const owner = randomUUID();
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  /** The retry time when the entry failed (undefined when it succeeded or was parked for good). */
  async function runOne(entry: ZaloInboxEntry): Promise<{ ok: boolean; retry?: Date }> {
    const attempt = entry.attempts + 1;
    const log = o.logger.child({ channel: "zalo", event: entry.eventName, key: entry.key });
    try {
      await o.process(entry);
      await o.inbox.done(entry.key);
      return { ok: true };
    } catch (e) {
      const retry = attempt < maxAttempts ? new Date(clock().getTime() + 2 ** attempt * 1000) : undefined;
      log.error({ err: e, attempt, willRetry: Boolean(retry) }, "zalo event processing failed");
      await o.inbox.failed(entry.key, attempt, String((e as Error).message ?? e), retry);
      return { ok: false, retry };
    }
  }

  /**
   * One resident's entries, in order, under one claim (three round trips for the lot, plus one
   * read of what is still to do). The claim is renewed once half of it is used; a claim that ran
   * out may have a successor, so the rest is left, and the result says so ("left").
   */
  async function runGroup(serial: string, listed: ZaloInboxEntry[]): Promise<"done" | "left"> {
    const subject = `zalo-serial:${serial}`;
    let until = clock().getTime() + leaseMs;
    const generation = await o.leases.acquire(subject, owner, clock(), leaseMs);
    // Another instance is busy with this resident: it takes these entries (or the sweep finds them).
    if (generation === undefined) return "done";
    try {
      const entries = await o.inbox.pendingOf(listed.map((e) => e.key));
      for (const [i, entry] of entries.entries()) {
        const now = clock().getTime();
        if (now >= until) return "left";
        if (until - now < leaseMs / 2) {
          until = now + leaseMs;
          await o.leases.renew(subject, generation, owner, new Date(until));
        }
        const { ok, retry } = await runOne(entry);
        if (ok) continue;
        // The resident's later events wait for this one's retry, so they still come after it.
        if (retry) await o.inbox.postpone(entries.slice(i + 1).map((e) => e.key), retry);
        break;
      }
      return "done";
    } finally {
      await o.leases.release(subject, generation, owner);
    }
  }

  /**
   * One pass over what is available; true when more may be available right away (a full batch
   * was listed, or a claim ran out). Events stored meanwhile ask for another pass themselves
   * (drain), so a pass that emptied the queue is not followed by an empty one.
   */
  async function pass(): Promise<boolean> {
    const listed = await o.inbox.available(clock(), batch);
    const groups = new Map<string, ZaloInboxEntry[]>();
    for (const entry of listed) {
      const serial = o.serializeBy?.(entry) ?? `event:${entry.key}`;
      groups.set(serial, [...(groups.get(serial) ?? []), entry]);
    }
    let left = false;
    await eachLimited([...groups], parallel, async ([serial, entries]) => {
      if ((await runGroup(serial, entries)) === "left") left = true;
    });
    return left || listed.length >= batch;
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
    if (now - prunedAt < 60_000) return;
    prunedAt = now;
    await Promise.all([
      o.inbox.prune(new Date(now - (o.retentionMs ?? 7 * 24 * 3600_000))),
      // Claims expired well past any holder still finishing (its release deletes only its own).
      o.leases.prune(new Date(now - 10 * leaseMs)),
    ]).catch((e: unknown) => o.logger.warn({ err: e }, "zalo inbox prune failed"));
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
