import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

const inboxSchema = new Schema(
  {
    /** Zalo's msg_id, or a key built from the event for events without one (follow, unfollow): a redelivery cannot insert twice. */
    _id: { type: String, required: true },
    eventName: { type: String, required: true },
    /** The verified event as Zalo sent it. */
    event: { type: Schema.Types.Mixed, required: true },
    state: { type: String, required: true, enum: ["pending", "done", "failed"], default: "pending" },
    /** When a pending entry may be tried (again): later after a failure, for backoff. */
    availableAt: { type: Date, required: true },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, required: false },
  },
  { timestamps: true },
);
inboxSchema.index({ state: 1, availableAt: 1 });

export interface ZaloInboxEntry {
  key: string;
  eventName: string;
  event: Record<string, unknown>;
}

/** Verified webhook events, persisted before we answer Zalo and processed afterwards (claims: zalo-lease.ts). */
export function zaloInboxStore(conn: Connection) {
  const Inbox = modelOn(conn, "ZaloInbox", inboxSchema);
  const plain = (d: { _id: string; eventName: string; event: unknown }): ZaloInboxEntry => ({
    key: d._id,
    eventName: d.eventName,
    event: d.event as Record<string, unknown>,
  });
  return {
    /** Stores the event; false when the same key was stored before (a redelivery). */
    async add(key: string, eventName: string, event: Record<string, unknown>, now: Date): Promise<boolean> {
      try {
        await Inbox.create({ _id: key, eventName, event, availableAt: now });
        return true;
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return false;
        throw e;
      }
    },
    /** Pending entries that may be tried now, oldest first. */
    async available(now: Date, limit: number): Promise<ZaloInboxEntry[]> {
      const docs = await Inbox.find({ state: "pending", availableAt: { $lte: now } }).sort({ availableAt: 1 }).limit(limit).lean();
      return docs.map(plain);
    },
    async isPending(key: string): Promise<boolean> {
      return (await Inbox.countDocuments({ _id: { $eq: key }, state: "pending" })) === 1;
    },
    async done(key: string, attempts: number): Promise<void> {
      await Inbox.updateOne({ _id: { $eq: key } }, { $set: { state: "done", attempts } });
    },
    /** Tries again after `retryAt`, or parks the entry as failed when it has been tried enough. */
    async failed(key: string, attempts: number, error: string, retryAt: Date | undefined): Promise<void> {
      await Inbox.updateOne(
        { _id: { $eq: key } },
        retryAt ? { $set: { availableAt: retryAt, attempts, lastError: error } } : { $set: { state: "failed", attempts, lastError: error } },
      );
    },
    async countByState(state: "pending" | "done" | "failed"): Promise<number> {
      return Inbox.countDocuments({ state });
    },
    /** Processed entries older than `before`: a redelivery after that long would be processed again. */
    async prune(before: Date): Promise<number> {
      return (await Inbox.deleteMany({ state: "done", updatedAt: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => Inbox.syncIndexes(),
  };
}

export type ZaloInboxStore = ReturnType<typeof zaloInboxStore>;
