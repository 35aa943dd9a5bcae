import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";

/**
 * Who a partner system says made a report (email, phone, name, its own account and device
 * ids). Kept apart from tickets so no listing or API response can include it by accident:
 * this store can write, and only staff tools with an audited reason would read.
 */
const reporterIdentitySchema = new Schema({
  ticketId: { type: String, required: true },
  clientId: { type: String, required: true },
  at: { type: Date, required: true },
  email: { type: String, required: false },
  phone: { type: String, required: false },
  firstName: { type: String, required: false },
  lastName: { type: String, required: false },
  externalAccountId: { type: String, required: false },
  deviceId: { type: String, required: false },
});
reporterIdentitySchema.index({ ticketId: 1 });

export type ReporterIdentityDoc = InferSchemaType<typeof reporterIdentitySchema>;

export function reporterIdentityStore(conn: Connection) {
  const ReporterIdentity = modelOn(conn, "ReporterIdentity", reporterIdentitySchema);
  return {
    async save(identity: ReporterIdentityDoc): Promise<void> {
      await ReporterIdentity.create(identity);
    },
    /** Deletes who reported this ticket through a partner (the free-text retention of closed tickets). */
    async dropOfTicket(ticketId: string): Promise<number> {
      return (await ReporterIdentity.deleteMany({ ticketId: { $eq: String(ticketId) } })).deletedCount;
    },
    syncIndexes: () => ReporterIdentity.syncIndexes(),
  };
}
