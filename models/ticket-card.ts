import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq } from "./plain.js";

/**
 * Every message that shows a ticket's card (ward group, officers' chats, a /ticket answer),
 * so a change re-renders each copy in place instead of leaving stale buttons behind.
 */
const ticketCardSchema = new Schema(
  {
    ticketId: { type: String, required: true },
    chatId: { type: String, required: true },
    messageId: { type: Number, required: true },
    /** The language the copy was rendered in (the group's default, or the officer's own). */
    locale: { type: String, required: true, enum: ["vi", "en"] },
    /** Which reopening by a resident this copy was posted for; absent for the first posting. */
    round: { type: Number, required: false },
    /** The ticket's version and a digest of the text and buttons this copy shows (see claimShow). */
    shownVersion: { type: Number, required: false },
    shown: { type: String, required: false },
  },
  { timestamps: true },
);
ticketCardSchema.index({ ticketId: 1, chatId: 1, messageId: 1 }, { unique: true });

export interface TicketCardCopy {
  ticketId: string;
  chatId: string;
  messageId: number;
  locale: "vi" | "en";
  round?: number;
}

/** What a copy shows: the ticket's version it was rendered from and a digest of its text and buttons. */
export interface ShownCard {
  version: number;
  digest: string;
}

export function ticketCardStore(conn: Connection) {
  const Card = modelOn(conn, "TicketCard", ticketCardSchema);
  return {
    async add(copy: TicketCardCopy, shown?: ShownCard): Promise<void> {
      await Card.updateOne(
        { ticketId: eq(copy.ticketId), chatId: eq(copy.chatId), messageId: { $eq: Number(copy.messageId) } },
        {
          $setOnInsert: {
            locale: copy.locale === "en" ? "en" : "vi",
            ...(copy.round ? { round: Number(copy.round) } : {}),
            ...(shown ? { shownVersion: Number(shown.version), shown: String(shown.digest) } : {}),
          },
        },
        { upsert: true },
      );
    },
    /**
     * Claims the edit of a message to `shown`, in one atomic step: true when the message is no known
     * copy, or its copy shows an older version of the ticket, or the same version differently (names,
     * wording). False when it shows this already or a newer version: a late edit never overwrites a
     * newer card, and an unchanged one is not sent.
     */
    async claimShow(copy: Pick<TicketCardCopy, "chatId" | "messageId">, shown: ShownCard): Promise<boolean> {
      const at = { chatId: eq(copy.chatId), messageId: { $eq: Number(copy.messageId) } };
      const version = Number(shown.version);
      const digest = String(shown.digest);
      const r = await Card.updateOne(
        { ...at, $or: [{ shownVersion: { $exists: false } }, { shownVersion: { $lt: version } }, { shownVersion: { $eq: version }, shown: { $ne: digest } }] },
        { $set: { shownVersion: version, shown: digest } },
      );
      if (r.matchedCount > 0) return true;
      return (await Card.countDocuments(at)) === 0;
    },
    /** The ticket version a message shows, when it is a known copy that records one. */
    async shownVersion(copy: Pick<TicketCardCopy, "chatId" | "messageId">): Promise<number | undefined> {
      const d = await Card.findOne({ chatId: eq(copy.chatId), messageId: { $eq: Number(copy.messageId) } }).lean();
      return typeof d?.shownVersion === "number" ? d.shownVersion : undefined;
    },
    /** The claimed edit failed: the next try edits again. */
    async unclaimShow(copy: Pick<TicketCardCopy, "chatId" | "messageId">, shown: ShownCard): Promise<void> {
      await Card.updateOne(
        { chatId: eq(copy.chatId), messageId: { $eq: Number(copy.messageId) }, shownVersion: { $eq: Number(shown.version) }, shown: { $eq: String(shown.digest) } },
        { $unset: { shownVersion: 1, shown: 1 } },
      );
    },
    /** Every copy of a ticket's card, or those posted for one reopening (`round` ≥ 1). */
    async of(ticketId: string, round?: number): Promise<TicketCardCopy[]> {
      const docs = await Card.find({ ticketId: eq(ticketId), ...(round ? { round: { $eq: Number(round) } } : {}) }).sort({ createdAt: 1, _id: 1 }).lean();
      return docs.map((d) => ({ ticketId: d.ticketId, chatId: d.chatId, messageId: d.messageId, locale: d.locale === "en" ? "en" : "vi" }));
    },
    /** A message that no longer exists (deleted by a person) is forgotten. */
    async remove(copy: Pick<TicketCardCopy, "chatId" | "messageId">): Promise<void> {
      await Card.deleteOne({ chatId: eq(copy.chatId), messageId: { $eq: Number(copy.messageId) } });
    },
    syncIndexes: () => Card.syncIndexes(),
  };
}
