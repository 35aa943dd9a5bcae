import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

const counterSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
});

/** Monotonic sequences (ticket numbers per ward and month) from one atomic $inc upsert. */
export function counterStore(conn: Connection) {
  const Counter = modelOn(conn, "Counter", counterSchema);
  return {
    async next(name: string): Promise<number> {
      const bump = () =>
        Counter.findOneAndUpdate({ _id: { $eq: String(name) } }, { $inc: { seq: 1 } }, { upsert: true, new: true, lean: true });
      // The first two bumps of a new sequence can both try to insert it; the loser then increments.
      const doc = await bump().catch((e: { code?: number }) => {
        if (e.code === 11000) return bump();
        throw e;
      });
      return (doc as { seq: number }).seq;
    },
    syncIndexes: () => Counter.syncIndexes(),
  };
}
