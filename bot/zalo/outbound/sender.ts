import type { ZaloAllowance, ZaloChoice, ZaloUser, ZaloUserStore } from "../../../models/zalo-user.js";
import { shorten, splitText } from "../../message-limits.js";
import type { ZaloButton, ZaloClient } from "./client.js";
import { ZALO_TEXT_LIMIT } from "./zalo-codes.js";

/** Zalo's allowances: free replies within 48 h of the user's message, then a monthly proactive quota. */
export type ZaloQuotaPolicy = ZaloAllowance;

export const ZALO_DEFAULT_POLICY: ZaloQuotaPolicy = { windowMs: 48 * 3600_000, windowMessages: 8, monthlyProactive: 2 };

export type ZaloOutgoing =
  | { kind: "text"; text: string; buttons?: ZaloButton[] }
  | { kind: "image"; attachmentId: string; text?: string }
  | { kind: "file"; token: string };

export type SendKind = "window" | "proactive" | "hold";


/**
 * Every message to a Zalo user goes through here: it counts the free window and the
 * monthly quota, and holds text that cannot be sent for free until the user writes again.
 * The allowance is taken before sending, in one round trip, and given back if the send fails.
 */
export function createZaloSender(deps: { client: ZaloClient; users: ZaloUserStore; policy?: ZaloQuotaPolicy; clock?: () => Date }) {
  const policy = deps.policy ?? ZALO_DEFAULT_POLICY;
  const clock = deps.clock ?? (() => new Date());

  async function transmit(userId: string, m: ZaloOutgoing): Promise<void> {
    if (m.kind === "image") await deps.client.sendImage(userId, m.attachmentId, m.text === undefined ? undefined : shorten(m.text, ZALO_TEXT_LIMIT));
    else if (m.kind === "file") await deps.client.sendFile(userId, m.token);
    else {
      // A long text goes as several messages, the buttons under the last one.
      const parts = splitText(m.text, ZALO_TEXT_LIMIT);
      for (const part of parts.slice(0, -1)) await deps.client.sendText(userId, part);
      if (m.buttons?.length) await deps.client.sendButtons(userId, parts.at(-1)!, m.buttons);
      else await deps.client.sendText(userId, parts.at(-1)!);
    }
  }

  /**
   * Sends now when an allowance is left; otherwise keeps a text for later and reports "hold".
   * `choices` (what a typed number picks) is recorded with it. Returns the message id the chat shows for it.
   */
  async function deliver(userId: string, m: ZaloOutgoing, choices?: ZaloChoice[]): Promise<{ kind: SendKind; messageId: number }> {
    const taken = await deps.users.take(userId, clock(), policy, choices);
    if (!taken) return { kind: "hold", messageId: await deps.users.hold(userId, m.kind === "text" ? m.text : undefined, choices) };
    try {
      await transmit(userId, m);
    } catch (e) {
      await deps.users.giveBack(userId, taken.kind);
      throw e;
    }
    return taken;
  }

  /** Sends the held texts with `text` (if any) as one message, then forgets them: one allowance covers them all. */
  async function sendWithHeld(user: ZaloUser, text?: string, buttons?: ZaloButton[]): Promise<SendKind> {
    const combined = [...user.held, ...(text === undefined ? [] : [text])];
    if (!combined.length) return "window";
    const taken = await deps.users.take(user.zaloUserId, clock(), policy);
    if (!taken) {
      if (text !== undefined) await deps.users.hold(user.zaloUserId, text);
      return "hold";
    }
    try {
      await transmit(user.zaloUserId, { kind: "text", text: combined.join("\n\n"), buttons });
    } catch (e) {
      await deps.users.giveBack(user.zaloUserId, taken.kind);
      throw e;
    }
    // Forgotten only once sent: a failure keeps them for the next try.
    await deps.users.release(user.zaloUserId, user.held);
    return taken.kind;
  }

  return {
    deliver,

    /**
     * A notification: combined with anything already held into one message, so one allowance covers them all.
     * Buttons go with it when it is sent now; a held one keeps its text only (/ticket offers the same buttons).
     */
    async notify(userId: string, text: string, buttons?: ZaloButton[]): Promise<SendKind> {
      const user = await deps.users.ensure(userId);
      return sendWithHeld(user, text, buttons);
    },

    /** The user wrote at `at`: the free window counts from then, and held notifications go out as one message. Returns the user. */
    async userWrote(userId: string, at: Date): Promise<ZaloUser> {
      const user = await deps.users.wrote(userId, at);
      if (user.held.length) await sendWithHeld(user);
      return user;
    },
  };
}

export type ZaloSender = ReturnType<typeof createZaloSender>;
