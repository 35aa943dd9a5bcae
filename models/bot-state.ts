import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/**
 * Bot state by key (conversation progress per chat). The value is kept as JSON text: the
 * conversation plugin's replay log nests arrays, which FerretDB v1 refuses to store. Every
 * filter is the bare string _id (String() keeps operators out): the only filter FerretDB v1 on
 * SQLite answers from its primary key; `{ $eq: … }` or any second field makes it scan the collection.
 */
const botStateSchema = new Schema({
  _id: { type: String, required: true },
  json: { type: String, required: true },
  updatedAt: { type: Date, required: true },
});
botStateSchema.index({ updatedAt: 1 });

export function botStateStore(conn: Connection) {
  const BotState = modelOn(conn, "BotState", botStateSchema);
  return {
    async read(key: string): Promise<unknown> {
      const doc = await BotState.findOne({ _id: String(key) }).lean();
      return doc ? (JSON.parse(doc.json) as unknown) : undefined;
    },
    async write(key: string, value: unknown): Promise<void> {
      await BotState.updateOne(
        { _id: String(key) },
        { $set: { json: JSON.stringify(value), updatedAt: new Date() } },
        { upsert: true },
      );
    },
    async delete(key: string): Promise<void> {
      await BotState.deleteOne({ _id: String(key) });
    },
    /** Drops state last written before `before`; returns how many keys. */
    async pruneBefore(before: Date): Promise<number> {
      return (await BotState.deleteMany({ updatedAt: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => BotState.syncIndexes(),
  };
}

export type BotStateStore = ReturnType<typeof botStateStore>;
