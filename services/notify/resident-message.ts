import type { Account, Channel } from "../../models/account.js";
import { RATEABLE, type TicketState } from "../../models/ticket-states.js";
import { vietnamTime } from "../text/format.js";
import { label } from "../text/labels.js";

/**
 * What one account is told, as data; each channel renders it in the account's language.
 * Mostly residents; a supervisor's escalation travels the same way (and is retried the same way).
 */
export type ResidentMessage =
  /** `ticketId` lets a closing carry its rating and "not fixed" buttons (ids only; the press is authorized again). */
  | { kind: "state_changed"; number: string; state: string; ticketId?: string }
  | { kind: "officer_message"; number: string; text: string }
  /** An officer split the reporter's report out of `number` into a ticket of its own (issue 24). */
  | { kind: "report_split"; number: string; newNumber: string; ward: string }
  | { kind: "deadline_escalation"; number: string; deadline: "acknowledge" | "close"; ward: string; due: string }
  | { kind: "reopen_escalation"; number: string; ward: string; note: string }
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
    case "state_changed": {
      const said = t("notify-state-changed", { number: message.number, state: label(t, "state", message.state) });
      return residentButtons(message, t).length ? `${said}\n${t("rate-ask")}` : said;
    }
    case "officer_message":
      return t("reporter-message", { number: message.number, text: message.text });
    case "report_split":
      return t("notify-report-split", { number: message.number, newNumber: message.newNumber, ward: message.ward });
    case "deadline_escalation":
      return t(`escalate-${message.deadline}`, { number: message.number, ward: message.ward, at: vietnamTime(new Date(message.due)) });
    case "reopen_escalation":
      return t("escalate-reopen", { number: message.number, ward: message.ward, note: message.note });
    case "closure_to_confirm":
      return t("closure-to-confirm", { number: message.number, venue: message.venue, ward: message.ward });
  }
}

/** A button under a message: its label and the callback data (ids and codes only). */
export interface MessageButton {
  text: string;
  data: string;
}

/** A closing asks the reporter how it went and offers "not fixed"; the same buttons on every channel. */
export function residentButtons(message: ResidentMessage, t: Translate): MessageButton[] {
  if (message.kind !== "state_changed" || !message.ticketId || !RATEABLE.includes(message.state as TicketState)) return [];
  const id = message.ticketId;
  return [
    { text: t("button-satisfied"), data: `rt:${id}:y` },
    { text: t("button-not-satisfied"), data: `rt:${id}:n` },
    { text: t("button-not-fixed"), data: `nf:${id}` },
  ];
}

