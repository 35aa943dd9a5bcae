import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/**
 * Update ids some bot instance took: the _id's uniqueness is the lock. A claim is "working"
 * while its handler runs and "done" after it succeeded; a failed handler deletes its claim, so
 * the update's redelivery is handled. Claims without a state (older ones) count as done.
 */
const processedUpdateSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
  state: { type: String, required: false, enum: ["working", "done"] },
  /** A "working" claim older than this belongs to a handler that died (a crash, a lost lease). */
  leaseUntil: { type: Date, required: false },
});
processedUpdateSchema.index({ at: 1 });

export function processedUpdateStore(conn: Connection) {
  const ProcessedUpdate = modelOn(conn, "ProcessedUpdate", processedUpdateSchema);
  const key = (channel: string, updateId: number | string) => `${channel}:${updateId}`;
  return {
    /**
     * True when this delivery may handle the update: the first one, or a redelivery after the
     * handler that took it died without finishing or releasing it (its lease ran out).
     */
    async claim(channel: string, updateId: number | string, at: Date, leaseMs: number): Promise<boolean> {
      const _id = key(channel, updateId);
      const leaseUntil = new Date(at.getTime() + leaseMs);
      try {
        await ProcessedUpdate.create({ _id, at, state: "working", leaseUntil });
        return true;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
      }
      const taken = await ProcessedUpdate.updateOne({ _id, state: "working", leaseUntil: { $lt: at } }, { $set: { at, leaseUntil } });
      return taken.modifiedCount === 1;
    },
    /** The handler succeeded: every later delivery of the update is skipped. */
    async finish(channel: string, updateId: number | string): Promise<void> {
      await ProcessedUpdate.updateOne({ _id: key(channel, updateId) }, { $set: { state: "done" }, $unset: { leaseUntil: 1 } });
    },
    /** The handler failed: the next delivery of the update is handled again. */
    async release(channel: string, updateId: number | string): Promise<void> {
      await ProcessedUpdate.deleteOne({ _id: key(channel, updateId), state: "working" });
    },
    /** Forgets claims taken before `before`; returns how many. */
    async pruneBefore(before: Date): Promise<number> {
      return (await ProcessedUpdate.deleteMany({ at: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => ProcessedUpdate.syncIndexes(),
  };
}
