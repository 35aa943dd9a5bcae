import type { Account, Channel } from "../../models/account.js";

/** What a resident is told, as data; each channel renders it in the account's language. */
export type ResidentMessage =
  | { kind: "state_changed"; number: string; state: string }
  | { kind: "officer_message"; number: string; text: string };

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
  }
}
