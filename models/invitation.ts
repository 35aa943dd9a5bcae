import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { ROLES } from "./account.js";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * One-time invitations to a staff role. Only the SHA-256 of the token is stored, so a
 * database reader cannot redeem one; the single use is decided by a claim (see claim.ts).
 */
const invitationSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    wardCode: { type: String, required: false },
    provinceCode: { type: String, required: false },
    expiresAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    usedAt: { type: Date, required: false },
    usedBy: { type: String, required: false },
  },
  { timestamps: true },
);
invitationSchema.index({ tokenHash: 1 }, { unique: true });

export type InvitationDoc = InferSchemaType<typeof invitationSchema>;
export type Invitation = Plain<InvitationDoc>;

export function invitationStore(conn: Connection) {
  const Invitation = modelOn(conn, "Invitation", invitationSchema);
  return {
    async create(i: Omit<InvitationDoc, "usedAt" | "usedBy" | "createdAt" | "updatedAt">): Promise<Invitation> {
      const doc = await Invitation.create(i);
      return toPlain(doc.toObject());
    },
    async byTokenHash(tokenHash: string): Promise<Invitation | undefined> {
      const doc = await Invitation.findOne({ tokenHash: eq(tokenHash) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async markUsed(id: string, accountId: string, at: Date): Promise<void> {
      await Invitation.updateOne({ _id: String(id) }, { $set: { usedAt: at, usedBy: String(accountId) } });
    },
    syncIndexes: () => Invitation.syncIndexes(),
  };
}
