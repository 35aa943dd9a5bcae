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
    /** The name the user shows on Zalo (the OA's user-detail call), asked once; "" once the resident had it erased. */
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

/** How many messages a user may get, and when (the sender's policy, in the store's terms). */
export interface ZaloAllowance {
  /** Free replies within this long after the user's last message (Zalo: 48 h)… */
  windowMs: number;
  /** …and at most this many of them (Zalo: 8). */
  windowMessages: number;
  /** Messages per user and calendar month outside the window (the OA's proactive quota). */
  monthlyProactive: number;
}

export type ZaloAllowanceKind = "window" | "proactive";

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Zalo users: their integer alias for grammY, their reply-window and quota counters, held notifications. */
export function zaloUserStore(conn: Connection) {
  const User = modelOn(conn, "ZaloUser", zaloUserSchema);
  // chat id → Zalo user id. An alias never changes once made, so every instance may keep what it learnt.
  const aliases = new Map<number, string>();
  const known = (d: Doc): ZaloUser => {
    if (aliases.size >= 100_000) aliases.clear();
    aliases.set(d.chatId, d._id);
    return plain(d);
  };
  const byId = async (zaloUserId: string) => {
    const d = await User.findById(String(zaloUserId)).lean();
    return d ? known(d as unknown as Doc) : undefined;
  };
  /** One conditional update returning the document after it, or undefined when the condition failed. */
  const change = async (zaloUserId: string, condition: object, update: object) => {
    const d = await User.findOneAndUpdate({ _id: { $eq: String(zaloUserId) }, ...condition }, update, { new: true, lean: true });
    return d ? known(d as unknown as Doc) : undefined;
  };

  /**
   * The user's record, created on first contact. The alias is derived from the id, so every
   * instance computes the same one; a collision (unique index) moves to the next free number.
   */
  async function ensure(zaloUserId: string): Promise<ZaloUser> {
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
  }

  return {
    byId,
    ensure,
    /** The Zalo user behind a chat id, from memory after the first lookup. */
    async idOfChat(chatId: number): Promise<string | undefined> {
      const cached = aliases.get(Number(chatId));
      if (cached !== undefined) return cached;
      const d = await User.findOne({ chatId: { $eq: Number(chatId) } }).lean();
      return d ? known(d as unknown as Doc).zaloUserId : undefined;
    },
    /**
     * The user wrote to us at `at`: a new free reply window starts, unless a later message
     * opened one already (events of a backlog are processed after they were written). Returns
     * the record (created on first contact): one round trip for a known user.
     */
    async wrote(zaloUserId: string, at: Date): Promise<ZaloUser> {
      const opened = { $set: { lastInboundAt: at, windowSent: 0, followed: true } };
      const later = await change(zaloUserId, { $or: [{ lastInboundAt: null }, { lastInboundAt: { $lt: at } }] }, opened);
      if (later) return later;
      const user = await ensure(zaloUserId);
      if (user.lastInboundAt && user.lastInboundAt >= at) return user;
      return (await change(zaloUserId, {}, opened))!;
    },
    async setDisplayName(zaloUserId: string, displayName: string): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $set: { displayName: String(displayName) } });
    },
    /**
     * Erases the Zalo name and held notifications (/forgetme). The empty name stays as the mark
     * that the resident asked for it: the bridge never asks Zalo for it again.
     */
    async forgetName(zaloUserId: string): Promise<boolean> {
      const before = await User.findOneAndUpdate({ _id: { $eq: String(zaloUserId) } }, { $set: { displayName: "", held: [] } }, { new: false, lean: true });
      return Boolean(before?.displayName);
    },
    async setFollowed(zaloUserId: string, followed: boolean): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $set: { followed } });
    },
    /**
     * Takes one message's allowance now, in one round trip when the window is open: the free
     * window's, else the month's proactive one. Also records the message id it will show as and
     * `choices` when given. Undefined when none is left (the message must wait).
     */
    async take(zaloUserId: string, now: Date, limits: ZaloAllowance, choices?: ZaloChoice[]): Promise<{ kind: ZaloAllowanceKind; messageId: number } | undefined> {
      const month = monthOf(now);
      const next = (inc: object, set: object = {}) => ({ $inc: { ...inc, lastMessageId: 1 }, ...(choices || Object.keys(set).length ? { $set: { ...set, ...(choices ? { choices } : {}) } } : {}) });
      const tries: [ZaloAllowanceKind, object, object][] = [
        ["window", { lastInboundAt: { $gt: new Date(now.getTime() - limits.windowMs) }, windowSent: { $lt: limits.windowMessages } }, next({ windowSent: 1 })],
      ];
      if (limits.monthlyProactive > 0) {
        tries.push(["proactive", { month: { $eq: month }, monthSent: { $lt: limits.monthlyProactive } }, next({ monthSent: 1 })]);
        // A new month starts the proactive count again.
        tries.push(["proactive", { month: { $ne: month } }, next({}, { month, monthSent: 1 })]);
      }
      for (const [kind, condition, update] of tries) {
        const d = await change(zaloUserId, condition, update);
        if (d) return { kind, messageId: d.lastMessageId };
      }
      return undefined;
    },
    /** Gives back an allowance taken for a message that could not be sent. */
    async giveBack(zaloUserId: string, kind: ZaloAllowanceKind): Promise<void> {
      await User.updateOne({ _id: String(zaloUserId) }, { $inc: kind === "window" ? { windowSent: -1 } : { monthSent: -1 } });
    },
    /** Keeps a text for the user's next message (and `choices` when given); returns the last message id shown. */
    async hold(zaloUserId: string, text: string | undefined, choices?: ZaloChoice[]): Promise<number> {
      const update = { ...(text === undefined ? {} : { $push: { held: text } }), ...(choices ? { $set: { choices } } : {}) };
      const d = Object.keys(update).length ? await change(zaloUserId, {}, update) : await byId(zaloUserId);
      return d?.lastMessageId ?? 0;
    },
    /** Removes `held` (as read from the record), keeping what was held since. */
    async release(zaloUserId: string, held: string[]): Promise<void> {
      if (held.length) await User.updateOne({ _id: String(zaloUserId) }, { $pullAll: { held } });
    },
    syncIndexes: () => User.syncIndexes(),
  };
}

export type ZaloUserStore = ReturnType<typeof zaloUserStore>;
