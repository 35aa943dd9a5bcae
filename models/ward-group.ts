import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq } from "./plain.js";

/** The Telegram group of each ward, bound by an officer of that ward with /bindgroup. */
const wardGroupSchema = new Schema(
  {
    _id: { type: String, required: true },
    chatId: { type: String, required: true },
    boundBy: { type: String, required: true },
  },
  { timestamps: true },
);

export function wardGroupStore(conn: Connection) {
  const WardGroup = modelOn(conn, "WardGroup", wardGroupSchema);
  return {
    async bind(wardCode: string, chatId: string, accountId: string): Promise<void> {
      await WardGroup.updateOne({ _id: eq(wardCode) }, { $set: { chatId: String(chatId), boundBy: String(accountId) } }, { upsert: true });
    },
    async chatOf(wardCode: string): Promise<string | undefined> {
      const doc = await WardGroup.findOne({ _id: eq(wardCode) }).lean();
      return doc?.chatId;
    },
    syncIndexes: () => WardGroup.syncIndexes(),
  };
}
