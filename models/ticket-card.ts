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

export function ticketCardStore(conn: Connection) {
  const Card = modelOn(conn, "TicketCard", ticketCardSchema);
  return {
    async add(copy: TicketCardCopy): Promise<void> {
      await Card.updateOne(
        { ticketId: eq(copy.ticketId), chatId: eq(copy.chatId), messageId: { $eq: Number(copy.messageId) } },
        { $setOnInsert: { locale: copy.locale === "en" ? "en" : "vi", ...(copy.round ? { round: Number(copy.round) } : {}) } },
        { upsert: true },
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
