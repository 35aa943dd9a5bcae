import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * Staff sessions of the web console, kept on the server: the cookie holds a random token whose
 * SHA-256 is stored here, so a database reader cannot sign in as anyone. Idle expiry is
 * decided by the application from `seenAt` (no TTL indexes: FerretDB v1 lacks them).
 */
const consoleSessionSchema = new Schema({
  tokenHash: { type: String, required: true },
  accountId: { type: String, required: true },
  /** The synchronizer token every state-changing request must echo (form field or header). */
  csrf: { type: String, required: true },
  locale: { type: String, required: true, enum: ["vi", "en"] },
  createdAt: { type: Date, required: true },
  seenAt: { type: Date, required: true },
});
consoleSessionSchema.index({ tokenHash: 1 }, { unique: true });
consoleSessionSchema.index({ accountId: 1 });
consoleSessionSchema.index({ seenAt: 1 });

export type ConsoleSessionDoc = InferSchemaType<typeof consoleSessionSchema>;
export type ConsoleSession = Plain<ConsoleSessionDoc> & { locale: "vi" | "en" };

export function consoleSessionStore(conn: Connection) {
  const Session = modelOn(conn, "ConsoleSession", consoleSessionSchema);
  const plain = (doc: ConsoleSessionDoc & { _id: unknown }) => toPlain(doc as ConsoleSessionDoc & { _id: string }) as ConsoleSession;
  return {
    async create(s: ConsoleSessionDoc): Promise<ConsoleSession> {
      return plain((await Session.create(s)).toObject());
    },
    async byTokenHash(tokenHash: string): Promise<ConsoleSession | undefined> {
      const doc = await Session.findOne({ tokenHash: eq(tokenHash) }).lean();
      return doc ? plain(doc) : undefined;
    },
    async touch(id: string, at: Date): Promise<void> {
      await Session.updateOne({ _id: String(id) }, { $set: { seenAt: at } });
    },
    async setLocale(id: string, locale: "vi" | "en"): Promise<void> {
      await Session.updateOne({ _id: String(id) }, { $set: { locale } });
    },
    async remove(id: string): Promise<void> {
      await Session.deleteOne({ _id: String(id) });
    },
    /** Every session of an account (revoked, or its role changed): it ends at once. */
    async removeOfAccount(accountId: string): Promise<number> {
      return (await Session.deleteMany({ accountId: eq(accountId) })).deletedCount;
    },
    /** Sessions idle since before `at`; swept when a new session opens. */
    async removeIdleSince(at: Date): Promise<number> {
      return (await Session.deleteMany({ seenAt: { $lt: at } })).deletedCount;
    },
    /** Sessions past their absolute lifetime; swept when a new session opens. */
    async removeOpenedBefore(at: Date): Promise<number> {
      return (await Session.deleteMany({ createdAt: { $lt: at } })).deletedCount;
    },
    syncIndexes: () => Session.syncIndexes(),
  };
}
