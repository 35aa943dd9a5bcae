import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/** Where a report came from: the two chats, or another system through the Open311 API. */
export const CHANNELS = ["telegram", "zalo", "open311"] as const;
export type Channel = (typeof CHANNELS)[number];

/** `registry` keeps one province's venue registry and check-in activity (the information office's duty). */
export const ROLES = ["resident", "officer", "supervisor", "enforcement", "registry", "admin"] as const;
export type Role = (typeof ROLES)[number];

const accountSchema = new Schema(
  {
    channel: { type: String, required: true, enum: CHANNELS },
    /** The user's id on that channel (Telegram user id, Zalo user id), as a string. */
    externalId: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES, default: "resident" },
    /** Officers act for one ward. */
    wardCode: { type: String, required: false },
    /** Supervisors, enforcement and the registry's keeper act for one province. */
    provinceCode: { type: String, required: false },
    locale: { type: String, required: true, enum: ["vi", "en"], default: "vi" },
    displayName: { type: String, required: false },
    /** Shared by the resident on request; shown to the ward's officers only after acknowledging. */
    phone: { type: String, required: false },
    revokedAt: { type: Date, required: false },
  },
  { timestamps: true },
);
accountSchema.index({ channel: 1, externalId: 1 }, { unique: true });
accountSchema.index({ role: 1, wardCode: 1 });
accountSchema.index({ role: 1, provinceCode: 1 });

export type AccountDoc = InferSchemaType<typeof accountSchema>;
export type Account = Plain<AccountDoc>;

export function accountStore(conn: Connection) {
  const Account = modelOn(conn, "Account", accountSchema);
  /**
   * channel:externalId → account id. The pair never changes owner, so the map is right on every
   * instance; it turns the per-update lookup into a read by _id, which FerretDB v1 answers from its
   * primary key instead of scanning every account (it pushes down no other filter).
   */
  const knownIds = new Map<string, string>();
  return {
    /** The account of this channel user, created as a resident on first contact. */
    async ensure(channel: Channel, externalId: string, defaults: { locale?: "vi" | "en"; displayName?: string } = {}): Promise<Account> {
      const pair = `${channel}:${externalId}`;
      const known = knownIds.get(pair);
      const found = known ? await Account.findById(known).lean() : undefined;
      if (found) return toPlain(found);
      const upsert = () =>
        Account.findOneAndUpdate(
          { channel: eq(channel), externalId: eq(externalId) },
          { $setOnInsert: { role: "resident", locale: defaults.locale ?? "vi", displayName: defaults.displayName } },
          { upsert: true, new: true, lean: true },
        );
      // Two first messages at once can both try to insert; the loser finds the winner's document.
      const doc = await upsert().catch((e: { code?: number }) => {
        if (e.code === 11000) return upsert();
        throw e;
      });
      // Bounded: a forgotten pair costs one lookup by channel and id again, nothing more.
      if (knownIds.size >= 100_000) knownIds.clear();
      knownIds.set(pair, String(doc!._id));
      return toPlain(doc!);
    },
    async byId(id: string): Promise<Account | undefined> {
      const doc = await Account.findById(String(id)).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async setLocale(id: string, locale: "vi" | "en"): Promise<void> {
      await Account.updateOne({ _id: String(id) }, { $set: { locale } });
    },
    async grantRole(id: string, role: Role, scope: { wardCode?: string; provinceCode?: string }): Promise<Account | undefined> {
      const doc = await Account.findByIdAndUpdate(
        String(id),
        { $set: { role, wardCode: scope.wardCode, provinceCode: scope.provinceCode }, $unset: { revokedAt: 1 } },
        { new: true, lean: true },
      );
      return doc ? toPlain(doc) : undefined;
    },
    /** Erases the name and phone kept for this account (/forgetme); returns what was there. */
    async forgetContact(id: string): Promise<{ name: boolean; phone: boolean }> {
      const before = await Account.findByIdAndUpdate(String(id), { $unset: { displayName: 1, phone: 1 } }, { new: false, lean: true });
      return { name: Boolean(before?.displayName), phone: Boolean(before?.phone) };
    },
    async officersOfWard(wardCode: string): Promise<Account[]> {
      const docs = await Account.find({ role: "officer", wardCode: eq(wardCode), revokedAt: { $exists: false } }).lean();
      return docs.map(toPlain);
    },
    /** Staff accounts (every role but resident), newest first. */
    async staff(): Promise<Account[]> {
      const docs = await Account.find({ role: { $ne: "resident" } }).sort({ createdAt: -1 }).lean();
      return docs.map(toPlain);
    },
    /** Ends an account's staff rights; authorization refuses it from then on. */
    async revoke(id: string, at: Date): Promise<Account | undefined> {
      const doc = await Account.findByIdAndUpdate(String(id), { $set: { revokedAt: at } }, { new: true, lean: true });
      return doc ? toPlain(doc) : undefined;
    },
    async ofProvince(role: Role, provinceCode: string): Promise<Account[]> {
      const docs = await Account.find({ role: eq(role), provinceCode: eq(provinceCode), revokedAt: { $exists: false } }).lean();
      return docs.map(toPlain);
    },
    syncIndexes: () => Account.syncIndexes(),
  };
}
