import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

const inboxSchema = new Schema(
  {
    /** Zalo's msg_id, or a key built from the event for events without one (follow, unfollow). */
    _id: { type: String, required: true },
    eventName: { type: String, required: true },
    /** The verified event as Zalo sent it. */
    event: { type: Schema.Types.Mixed, required: true },
    state: { type: String, required: true, enum: ["pending", "failed"], default: "pending" },
    /** When a pending entry may be tried (again): later after a failure, for backoff. */
    availableAt: { type: Date, required: true },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, required: false },
  },
  { timestamps: true },
);
inboxSchema.index({ state: 1, availableAt: 1, createdAt: 1 });

/**
 * The keys of every event accepted, kept after the event is handled so that a redelivery is
 * recognised. Only ever read by _id, so its size costs nothing to the queue above.
 */
const seenSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
});
seenSchema.index({ at: 1 });

export interface ZaloInboxEntry {
  key: string;
  eventName: string;
  event: Record<string, unknown>;
  /** Tries so far. */
  attempts: number;
}

/**
 * Verified webhook events, persisted before we answer Zalo and processed afterwards (claims:
 * zalo-lease.ts). The queue holds only what is still to do: a handled event leaves it, its key
 * stays among the seen ones, so the queue's cost does not grow with the events handled.
 */
export function zaloInboxStore(conn: Connection) {
  const Inbox = modelOn(conn, "ZaloInbox", inboxSchema);
  const Seen = modelOn(conn, "ZaloSeenEvent", seenSchema);
  const plain = (d: { _id: string; eventName: string; event: unknown; attempts: number }): ZaloInboxEntry => ({
    key: d._id,
    eventName: d.eventName,
    event: d.event as Record<string, unknown>,
    attempts: d.attempts,
  });
  const duplicate = (e: unknown) => (e as { code?: number }).code === 11000;
  return {
    /** Stores the event; false when the same key was stored before (a redelivery). */
    async add(key: string, eventName: string, event: Record<string, unknown>, now: Date): Promise<boolean> {
      try {
        await Inbox.create({ _id: key, eventName, event, availableAt: now });
      } catch (e) {
        if (duplicate(e)) return false;
        throw e;
      }
      // Queued first, marked seen second: a crash in between leaves the event to do, never lost.
      try {
        await Seen.create({ _id: key, at: now });
        return true;
      } catch (e) {
        if (!duplicate(e)) throw e;
        // Handled long ago and delivered again: take back what was just queued.
        await Inbox.deleteOne({ _id: { $eq: key } });
        return false;
      }
    },
    /** Pending entries that may be tried now, oldest first (ties in the order they came). */
    async available(now: Date, limit: number): Promise<ZaloInboxEntry[]> {
      const docs = await Inbox.find({ state: "pending", availableAt: { $lte: now } }).sort({ availableAt: 1, createdAt: 1 }).limit(limit).lean();
      return docs.map(plain);
    },
    /** Those of `keys` still to do, in the order given (another instance may have handled some since they were listed). */
    async pendingOf(keys: string[]): Promise<ZaloInboxEntry[]> {
      const docs = await Inbox.find({ _id: { $in: keys.map(String) }, state: "pending" }).lean();
      const byKey = new Map(docs.map((d) => [d._id, plain(d)]));
      return keys.flatMap((k) => byKey.get(k) ?? []);
    },
    /** Entries that must wait for an earlier one's retry: they become available at the same time, still in order. */
    async postpone(keys: string[], until: Date): Promise<void> {
      if (keys.length) await Inbox.updateMany({ _id: { $in: keys.map(String) }, state: "pending" }, { $set: { availableAt: until } });
    },
    /** Handled: it leaves the queue; its key stays seen. */
    async done(key: string): Promise<void> {
      await Inbox.deleteOne({ _id: { $eq: key } });
    },
    /** Tries again after `retryAt`, or parks the entry as failed when it has been tried enough. */
    async failed(key: string, attempts: number, error: string, retryAt: Date | undefined): Promise<void> {
      await Inbox.updateOne(
        { _id: { $eq: key } },
        retryAt ? { $set: { availableAt: retryAt, attempts, lastError: error } } : { $set: { state: "failed", attempts, lastError: error } },
      );
    },
    async countByState(state: "pending" | "failed"): Promise<number> {
      return Inbox.countDocuments({ state });
    },
    /** Keys seen before `before` are forgotten: a redelivery after that long would be processed again. */
    async prune(before: Date): Promise<number> {
      return (await Seen.deleteMany({ at: { $lt: before } })).deletedCount;
    },
    syncIndexes: async () => {
      await Inbox.syncIndexes();
      await Seen.syncIndexes();
    },
  };
}

export type ZaloInboxStore = ReturnType<typeof zaloInboxStore>;
