import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/**
 * One-time claims by unique key: of any number of concurrent claims for a key exactly one
 * inserts it. FerretDB v1 (SQLite) runs findOneAndUpdate as a read then a write, so two
 * conditional updates can both match; a unique _id insert is atomic on every backend.
 */
const claimSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
  by: { type: String, required: false },
});

export function claimStore(conn: Connection) {
  const Claim = modelOn(conn, "Claim", claimSchema);
  return {
    /** true for the one caller that took `key`, false for everyone else. */
    async take(key: string, at: Date, by?: string): Promise<boolean> {
      try {
        await Claim.create({ _id: String(key), at, by });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 11000) return false;
        throw err;
      }
    },
    /** Takes the account's name off its claims (/forgetme): a claim keyed by a ticket would still say who acted on it. */
    async forgetBy(accountId: string): Promise<number> {
      return (await Claim.updateMany({ by: { $eq: String(accountId) } }, { $unset: { by: 1 } })).modifiedCount;
    },
    syncIndexes: () => Claim.syncIndexes(),
  };
}
