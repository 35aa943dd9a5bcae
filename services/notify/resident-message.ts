import type { Account, Channel } from "../../models/account.js";

/** What a resident is told, as data; each channel renders it in the account's language. */
export interface ResidentMessage {
  kind: "state_changed";
  number: string;
  state: string;
}

/** One per channel (Telegram here, Zalo on its branch): sends or throws, the outbox retries. */
export interface ChannelSender {
  send(account: Account, message: ResidentMessage): Promise<void>;
}

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;
