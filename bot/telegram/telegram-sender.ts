import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { Account } from "../../models/account.js";
import { renderResidentMessage, type ChannelSender, type ResidentMessage } from "../../services/notify/resident-message.js";
import type { BotContext } from "../deps.js";

/** Residents' notifications on Telegram, in the account's language. */
export function telegramSender(api: Api, i18n: I18n<BotContext>): ChannelSender {
  return {
    async send(account: Account, message: ResidentMessage) {
      const t = (key: string, args?: Record<string, string>) => i18n.t(account.locale, key, args);
      await api.sendMessage(account.externalId, renderResidentMessage(message, t));
    },
  };
}
