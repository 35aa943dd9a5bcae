import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/**
 * One document per (outbox message, attempt): inserting it is the claim. An _id insert is the
 * one write FerretDB v1 makes atomic; its findAndModify and conditional updates read, then
 * write, and let two workers both win the same message.
 */
const outboxClaimSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
});

export function outboxClaimStore(conn: Connection) {
  const OutboxClaim = modelOn(conn, "OutboxClaim", outboxClaimSchema);
  return {
    async claim(key: string, at: Date): Promise<boolean> {
      try {
        await OutboxClaim.create({ _id: String(key), at });
        return true;
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return false;
        throw e;
      }
    },
    syncIndexes: () => OutboxClaim.syncIndexes(),
  };
}
