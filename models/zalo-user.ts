import { createHash } from "node:crypto";
import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/** Zalo users get chat ids above Telegram's range (user ids fit in 52 bits) and below 2^53. */
const CHAT_ID_BASE = 8_000_000_000_000_000;
const CHAT_ID_SPAN = 1_000_000_000_000_000;

const choiceSchema = new Schema({ n: Number, callbackData: String, text: String }, { _id: false });

const zaloUserSchema = new Schema(
  {
    /** The Zalo user id (a big numeric string). */
    _id: { type: String, required: true },
    /** The safe integer grammY sees as chat and user id. */
    chatId: { type: Number, required: true },
    followed: { type: Boolean, required: true, default: true },
    /** Start of the free reply window and what was sent in it. */
    lastInboundAt: { type: Date, required: false },
    windowSent: { type: Number, required: true, default: 0 },
    /** Proactive messages (outside the window) in `month` (YYYY-MM). */
    month: { type: String, required: false },
    monthSent: { type: Number, required: true, default: 0 },
    /** Notifications that could not be sent for free, delivered with the user's next message. */
    held: { type: [String], default: [] },
    /** What a typed number means after a numbered list of choices. */
    choices: { type: [choiceSchema], default: [] },
    /** The name the user shows on Zalo (the OA's user-detail call), asked once. */
    displayName: { type: String, required: false },
    /** The id of the last message we showed, for callback queries that point at it. */
    lastMessageId: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
zaloUserSchema.index({ chatId: 1 }, { unique: true });

export interface ZaloChoice {
  n: number;
  callbackData?: string;
  text?: string;
}

export interface ZaloUser {
  zaloUserId: string;
  chatId: number;
  followed: boolean;
  lastInboundAt: Date | undefined;
  windowSent: number;
  month: string | undefined;
  monthSent: number;
  held: string[];
  choices: ZaloChoice[];
  lastMessageId: number;
  displayName: string | undefined;
}

type Doc = Omit<ZaloUser, "zaloUserId" | "lastInboundAt" | "month" | "choices" | "displayName"> & {
  _id: string;
  displayName?: string | null;
  lastInboundAt?: Date | null;
  month?: string | null;
  choices: { n?: number | null; callbackData?: string | null; text?: string | null }[];
};

const plain = (d: Doc): ZaloUser => ({
  zaloUserId: d._id,
  chatId: d.chatId,
  followed: d.followed,
  lastInboundAt: d.lastInboundAt ?? undefined,
  windowSent: d.windowSent,
  month: d.month ?? undefined,
  monthSent: d.monthSent,
  held: [...d.held],
  choices: d.choices.map((c) => ({ n: Number(c.n), callbackData: c.callbackData ?? undefined, text: c.text ?? undefined })),
  lastMessageId: d.lastMessageId,
  displayName: d.displayName ?? undefined,
});

/** Zalo users: their integer alias for grammY, their reply-window and quota counters, held notifications. */
export function zaloUserStore(conn: Connection) {
  const User = modelOn(conn, "ZaloUser", zaloUserSchema);
  const byId = async (zaloUserId: string) => {
    const d = await User.findById(String(zaloUserId)).lean();
    return d ? plain(d as unknown as Doc) : undefined;
  };
  return {
    byId,
    async byChatId(chatId: number): Promise<ZaloUser | undefined> {
      const d = await User.findOne({ chatId: Number(chatId) }).lean();
      return d ? plain(d as unknown as Doc) : undefined;
    },
    /**
     * The user's record, created on first contact. The alias is derived from the id, so every
     * instance computes the same one; a collision (unique index) moves to the next free number.
     */
    async ensure(zaloUserId: string): Promise<ZaloUser> {
      const id = String(zaloUserId);
      const seed = Number(BigInt("0x" + createHash("sha256").update(id).digest("hex").slice(0, 13)) % BigInt(CHAT_ID_SPAN));
      for (let probe = 0; ; probe++) {
        const found = await byId(id);
        if (found) return found;
        try {
          await User.create({ _id: id, chatId: CHAT_ID_BASE + ((seed + probe) % CHAT_ID_SPAN) });
        } catch (e) {
          if ((e as { code?: number }).code !== 11000 || probe > 20) throw e;
        }
      }
    },
    /**
     * The user wrote to us at `at`: a new free reply window starts, unless a later message
     * opened one already (events of a backlog are processed after they were written).
     */
    async inbound(zaloUserId: string, at: Date): Promise<void> {
      await User.updateOne(
        { _id: String(zaloUserId), $or: [{ lastInboundAt: null }, { lastInboundAt: { $lt: at } }] },
        { $set: { lastInboundAt: at, windowSent: 0, followed: true } },
      );
    },
    async setDisplayName(zaloUserId: string, displayName: string): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $set: { displayName: String(displayName) } });
    },
    async setFollowed(zaloUserId: string, followed: boolean): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $set: { followed } });
    },
    async countSent(zaloUserId: string, kind: "window" | "proactive", month: string, messageId: number): Promise<void> {
      const inc = kind === "window" ? { windowSent: 1 } : { monthSent: 1 };
      const u = await byId(zaloUserId);
      // A new month starts the proactive count again.
      const reset = kind === "proactive" && u?.month !== month ? { month, monthSent: 1 } : undefined;
      await User.updateOne(
        { _id: String(zaloUserId) },
        reset ? { $set: { ...reset, lastMessageId: messageId } } : { $inc: inc, $set: { lastMessageId: messageId } },
      );
    },
    async hold(zaloUserId: string, text: string): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $push: { held: text } });
    },
    /** Removes and returns the held notifications. */
    async takeHeld(zaloUserId: string): Promise<string[]> {
      const u = await byId(zaloUserId);
      if (!u?.held.length) return [];
      await User.updateOne({ _id: String(zaloUserId) }, { $pullAll: { held: u.held } });
      return u.held;
    },
    async setChoices(zaloUserId: string, choices: ZaloChoice[]): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $set: { choices } });
    },
    syncIndexes: () => User.syncIndexes(),
  };
}

export type ZaloUserStore = ReturnType<typeof zaloUserStore>;
