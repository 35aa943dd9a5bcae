import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * Every action anyone takes — state changes, views of a reporter's contact, exports,
 * registry edits, invitations — in one append-only collection.
 */
const auditEventSchema = new Schema({
  at: { type: Date, required: true },
  actorId: { type: String, required: false },
  actorRole: { type: String, required: true },
  action: { type: String, required: true },
  subjectKind: { type: String, required: true, enum: ["ticket", "venue", "ward", "province", "account", "invitation", "evidence", "deadline_rule", "api_client"] },
  subjectId: { type: String, required: true },
  from: { type: String, required: false },
  to: { type: String, required: false },
  note: { type: String, required: false },
  meta: { type: Schema.Types.Mixed, required: false },
});
auditEventSchema.index({ subjectKind: 1, subjectId: 1, at: 1 });
auditEventSchema.index({ actorId: 1, at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export type AuditEvent = Plain<AuditEventDoc>;

export function auditStore(conn: Connection) {
  const Audit = modelOn(conn, "AuditEvent", auditEventSchema);
  return {
    async append(e: AuditEventDoc): Promise<void> {
      await Audit.create(e);
    },
    async of(subjectKind: AuditEventDoc["subjectKind"], subjectId: string): Promise<AuditEvent[]> {
      const docs = await Audit.find({ subjectKind: eq(subjectKind), subjectId: eq(subjectId) }).sort({ at: 1 }).lean();
      return docs.map((d) => toPlain(d));
    },
    /**
     * The one change this log allows: residents' own words leave a ticket's events (`actions` name
     * the events that carry them), and for one resident (/forgetme) their events are re-labelled
     * with a pseudonym. The fact of each action, its time and states stay.
     */
    async scrubResidentEvents(ticketId: string, actions: readonly string[], who?: { actorId: string; pseudonym: string }): Promise<number> {
      const base = { subjectKind: "ticket", subjectId: eq(ticketId), actorRole: "resident", ...(who ? { actorId: eq(who.actorId) } : {}) };
      const notes = await Audit.updateMany({ ...base, action: { $in: [...actions] }, note: { $exists: true } }, { $unset: { note: 1 } });
      const ids = who ? (await Audit.updateMany(base, { $set: { actorId: String(who.pseudonym) } })).modifiedCount : 0;
      return notes.modifiedCount + ids;
    },
    syncIndexes: () => Audit.syncIndexes(),
  };
}
