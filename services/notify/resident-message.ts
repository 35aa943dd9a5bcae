import type { Account, Channel } from "../../models/account.js";

/**
 * What one account is told, as data; each channel renders it in the account's language.
 * Mostly residents; a supervisor's escalation travels the same way (and is retried the same way).
 */
export type ResidentMessage =
  | { kind: "state_changed"; number: string; state: string }
  | { kind: "officer_message"; number: string; text: string }
  | { kind: "deadline_escalation"; number: string; deadline: "acknowledge" | "close"; ward: string; due: string }
  /** To the registry's keeper: an inspection found the venue closed; the channel adds confirm / reject buttons. */
  | { kind: "closure_to_confirm"; ticketId: string; number: string; venue: string; ward: string };

/** One per channel: sends or throws, the outbox retries. */
export interface ChannelSender {
  send(account: Account, message: ResidentMessage): Promise<void>;
}

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;

type Translate = (key: string, args?: Record<string, string>) => string;

/** The text of a message in the language `t` speaks; the same on every channel. */
export function renderResidentMessage(message: ResidentMessage, t: Translate): string {
  switch (message.kind) {
    case "state_changed":
      return t("notify-state-changed", { number: message.number, state: t(`state-${message.state}`) });
    case "officer_message":
      return t("reporter-message", { number: message.number, text: message.text });
    case "deadline_escalation":
      return t(`escalate-${message.deadline}`, { number: message.number, ward: message.ward, at: vietnamTime(new Date(message.due)) });
    case "closure_to_confirm":
      return t("closure-to-confirm", { number: message.number, venue: message.venue, ward: message.ward });
  }
}

/** Deadlines are read in Vietnam, whatever the server's zone. */
export function vietnamTime(d: Date): string {
  return d.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour12: false });
}
