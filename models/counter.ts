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
      const doc = await Counter.findOneAndUpdate(
        { _id: { $eq: String(name) } },
        { $inc: { seq: 1 } },
        { upsert: true, new: true, lean: true },
      );
      return (doc as { seq: number }).seq;
    },
    syncIndexes: () => Counter.syncIndexes(),
  };
}
