import type { ZaloUser, ZaloUserStore } from "../../../models/zalo-user.js";
import type { ZaloButton, ZaloClient } from "./client.js";

export interface ZaloQuotaPolicy {
  /** Free replies within this long after the user's last message (Zalo: 48 h)… */
  windowMs: number;
  /** …and at most this many of them (Zalo: 8). */
  windowMessages: number;
  /** Messages per user and calendar month outside the window (the OA's proactive quota). */
  monthlyProactive: number;
}

export const ZALO_DEFAULT_POLICY: ZaloQuotaPolicy = { windowMs: 48 * 3600_000, windowMessages: 8, monthlyProactive: 2 };

export type ZaloOutgoing =
  | { kind: "text"; text: string; buttons?: ZaloButton[] }
  | { kind: "image"; attachmentId: string; text?: string }
  | { kind: "file"; token: string };

export type SendKind = "window" | "proactive" | "hold";

/** Which allowance a message to this user would use now. */
export function sendKind(user: ZaloUser, now: Date, policy: ZaloQuotaPolicy): SendKind {
  const since = user.lastInboundAt ? now.getTime() - user.lastInboundAt.getTime() : Infinity;
  if (since < policy.windowMs && user.windowSent < policy.windowMessages) return "window";
  const used = user.month === monthOf(now) ? user.monthSent : 0;
  return used < policy.monthlyProactive ? "proactive" : "hold";
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Zalo text messages hold at most 2,000 characters. */
const MAX_TEXT = 2000;

/**
 * Every message to a Zalo user goes through here: it counts the free window and the
 * monthly quota, and holds text that cannot be sent for free until the user writes again.
 */
export function createZaloSender(deps: { client: ZaloClient; users: ZaloUserStore; policy?: ZaloQuotaPolicy; clock?: () => Date }) {
  const policy = deps.policy ?? ZALO_DEFAULT_POLICY;
  const clock = deps.clock ?? (() => new Date());

  async function transmit(userId: string, m: ZaloOutgoing): Promise<void> {
    if (m.kind === "image") await deps.client.sendImage(userId, m.attachmentId, m.text?.slice(0, MAX_TEXT));
    else if (m.kind === "file") await deps.client.sendFile(userId, m.token);
    else if (m.buttons?.length) await deps.client.sendButtons(userId, m.text.slice(0, MAX_TEXT), m.buttons);
    else for (let i = 0; i < m.text.length; i += MAX_TEXT) await deps.client.sendText(userId, m.text.slice(i, i + MAX_TEXT));
  }

  return {
    /**
     * Sends now when an allowance is left; otherwise keeps a text for later and reports "hold".
     * Returns the message id the chat shows for it.
     */
    async deliver(userId: string, m: ZaloOutgoing): Promise<{ kind: SendKind; messageId: number }> {
      const user = await deps.users.ensure(userId);
      const now = clock();
      const kind = sendKind(user, now, policy);
      const messageId = user.lastMessageId + 1;
      if (kind === "hold") {
        if (m.kind === "text") await deps.users.hold(userId, m.text);
        return { kind, messageId: user.lastMessageId };
      }
      await transmit(userId, m);
      await deps.users.countSent(userId, kind, monthOf(now), messageId);
      return { kind, messageId };
    },

    /**
     * A notification: combined with anything already held into one message, so one allowance covers them all.
     * Buttons go with it when it is sent now; a held one keeps its text only (/ticket offers the same buttons).
     */
    async notify(userId: string, text: string, buttons?: ZaloButton[]): Promise<SendKind> {
      const held = await deps.users.takeHeld(userId);
      const combined = [...held, text].join("\n\n");
      const r = await this.deliver(userId, { kind: "text", text: combined, buttons });
      return r.kind;
    },

    /** The user wrote at `at`: the free window counts from then, and held notifications go out as one message. */
    async userWrote(userId: string, at: Date): Promise<void> {
      await deps.users.ensure(userId);
      await deps.users.inbound(userId, at);
      const held = await deps.users.takeHeld(userId);
      if (held.length) await this.deliver(userId, { kind: "text", text: held.join("\n\n") });
    },
  };
}

export type ZaloSender = ReturnType<typeof createZaloSender>;
