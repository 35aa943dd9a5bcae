import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * One-time sign-in links to the web console, bound to one account. Only the SHA-256 of the
 * token is stored; the single use is decided by a claim (claim.ts), atomic on every backend.
 */
const consoleLinkSchema = new Schema({
  tokenHash: { type: String, required: true },
  accountId: { type: String, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, required: false },
});
consoleLinkSchema.index({ tokenHash: 1 }, { unique: true });

export type ConsoleLinkDoc = InferSchemaType<typeof consoleLinkSchema>;
export type ConsoleLink = Plain<ConsoleLinkDoc>;

export function consoleLinkStore(conn: Connection) {
  const Link = modelOn(conn, "ConsoleLink", consoleLinkSchema);
  return {
    async create(l: Omit<ConsoleLinkDoc, "usedAt">): Promise<ConsoleLink> {
      return toPlain((await Link.create(l)).toObject());
    },
    async byTokenHash(tokenHash: string): Promise<ConsoleLink | undefined> {
      const doc = await Link.findOne({ tokenHash: eq(tokenHash) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async markUsed(id: string, at: Date): Promise<void> {
      await Link.updateOne({ _id: String(id) }, { $set: { usedAt: at } });
    },
    syncIndexes: () => Link.syncIndexes(),
  };
}
