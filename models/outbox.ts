import { EventEmitter } from "node:events";
import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { CHANNELS } from "./account.js";
import { modelOn } from "./model-on.js";
import { claimStore } from "./claim.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * Messages waiting to be sent. `key` makes enqueueing idempotent; a worker claims one
 * message at a time with a lease, so two workers never send the same message.
 */
const outboxSchema = new Schema(
  {
    key: { type: String, required: true },
    /** "account": a person we can message directly; "ward": every officer of wardCode (the officers' side delivers). */
    audience: { type: String, required: true, enum: ["account", "ward"] },
    accountId: { type: String, required: false },
    channel: { type: String, required: false, enum: CHANNELS },
    wardCode: { type: String, required: false },
    kind: { type: String, required: true },
    /** Message key and its arguments, as JSON text; rendered in the recipient's language at sending time. */
    payload: { type: String, required: true },
    state: { type: String, required: true, enum: ["pending", "sent", "failed"], default: "pending" },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: false },
    lastError: { type: String, required: false },
    sentAt: { type: Date, required: false },
  },
  { timestamps: true },
);
outboxSchema.index({ key: 1 }, { unique: true });
outboxSchema.index({ audience: 1, state: 1, nextAttemptAt: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema>;
export type OutboxMessage = Plain<OutboxDoc>;

export interface NewOutboxMessage {
  key: string;
  audience: "account" | "ward";
  accountId?: string;
  channel?: OutboxDoc["channel"];
  wardCode?: string;
  kind: string;
  payload: unknown;
  at: Date;
}

export function outboxStore(conn: Connection) {
  const Outbox = modelOn(conn, "Outbox", outboxSchema);
  const claims = claimStore(conn);
  // This process's workers wake on it instead of waiting for their next tick; other instances still poll.
  const enqueued = new EventEmitter();
  return {
    /** Records the message once; a second enqueue with the same key is a no-op. */
    async enqueue(m: NewOutboxMessage): Promise<void> {
      const { payload, at, ...fields } = m;
      await Outbox.updateOne(
        { key: eq(m.key) },
        { $setOnInsert: { ...fields, payload: JSON.stringify(payload), state: "pending", attempts: 0, nextAttemptAt: at } },
        { upsert: true },
      );
      enqueued.emit("message", m.audience);
    },
    /** Calls `listener` after each message this process enqueued; returns the unsubscribe. */
    onEnqueued(listener: (audience: NewOutboxMessage["audience"]) => void): () => void {
      enqueued.on("message", listener);
      return () => enqueued.off("message", listener);
    },
    /**
     * Takes the next due message for one of `channels` for `leaseMs`; undefined when nothing is due.
     * `notWards`: not for these wards (being delivered to already).
     * The claim is an insert keyed by (message, attempt), see claim.ts.
     */
    async claimDue(
      audience: "account" | "ward",
      channels: readonly string[],
      now: Date,
      leaseMs: number,
      { notWards }: { notWards?: readonly string[] } = {},
    ): Promise<OutboxMessage | undefined> {
      const due = {
        audience: eq(audience),
        // Ward messages go to the ward's group and officers, whatever the reporter's channel.
        ...(audience === "account" ? { channel: { $in: channels.map(String) } } : {}),
        ...(notWards?.length ? { wardCode: { $nin: notWards.map(String) } } : {}),
        state: "pending",
        nextAttemptAt: { $lte: now },
        $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
      };
      for (const doc of await Outbox.find(due).sort({ nextAttemptAt: 1 }).limit(5).lean()) {
        if (!(await claims.take(`outbox:${String(doc._id)}:${doc.attempts}`, now))) continue;
        await Outbox.updateOne({ _id: doc._id }, { $set: { leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } });
        return toPlain({ ...doc, attempts: doc.attempts + 1 });
      }
      return undefined;
    },
    async markSent(id: string, at: Date): Promise<void> {
      await Outbox.updateOne({ _id: String(id) }, { $set: { state: "sent", sentAt: at }, $unset: { leaseUntil: 1 } });
    },
    async markFailed(id: string, error: string, retryAt: Date | undefined): Promise<void> {
      await Outbox.updateOne(
        { _id: String(id) },
        retryAt
          ? { $set: { lastError: error, nextAttemptAt: retryAt }, $unset: { leaseUntil: 1 } }
          : { $set: { lastError: error, state: "failed" }, $unset: { leaseUntil: 1 } },
      );
    },
    /** Drops every message for this account, sent or not (/forgetme): they name its tickets and hold officers' words to it. */
    async forgetAccount(accountId: string): Promise<number> {
      return (await Outbox.deleteMany({ audience: "account", accountId: eq(accountId) })).deletedCount;
    },
    /** Pending messages per audience and the earliest time one of them became due (for /metrics). */
    async backlog(): Promise<{ audience: string; pending: number; oldestDueAt: Date | undefined }[]> {
      // Per audience rather than one $group: FerretDB v1 has no $min accumulator.
      return Promise.all(
        (["account", "ward"] as const).map(async (audience) => {
          const where = { audience, state: "pending" };
          const [pending, oldest] = await Promise.all([Outbox.countDocuments(where), Outbox.findOne(where, { nextAttemptAt: 1 }).sort({ nextAttemptAt: 1 }).lean()]);
          return { audience, pending, oldestDueAt: oldest?.nextAttemptAt };
        }),
      );
    },
    async byKeyPrefix(prefix: string): Promise<OutboxMessage[]> {
      const docs = await Outbox.find({ key: { $regex: `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` } }).lean();
      return docs.map((d) => toPlain(d));
    },
    async syncIndexes(): Promise<void> {
      await Outbox.syncIndexes();
      await claims.syncIndexes();
    },
  };
}

export type OutboxStore = ReturnType<typeof outboxStore>;
