import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/** Update ids already taken by some bot instance: the _id's uniqueness is the lock. */
const processedUpdateSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
});
processedUpdateSchema.index({ at: 1 });

export function processedUpdateStore(conn: Connection) {
  const ProcessedUpdate = modelOn(conn, "ProcessedUpdate", processedUpdateSchema);
  return {
    /** True for the first claim of this update, false for every later delivery of it. */
    async claim(channel: string, updateId: number | string, at: Date): Promise<boolean> {
      try {
        await ProcessedUpdate.create({ _id: `${channel}:${updateId}`, at });
        return true;
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return false;
        throw e;
      }
    },
    /** Forgets claims taken before `before`; returns how many. */
    async pruneBefore(before: Date): Promise<number> {
      return (await ProcessedUpdate.deleteMany({ at: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => ProcessedUpdate.syncIndexes(),
  };
}
