import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard, type Api } from "grammy";
import type { Account } from "../../models/account.js";
import { renderResidentMessage, type ChannelSender, type ResidentMessage } from "../../services/notify/resident-message.js";
import type { BotContext } from "../deps.js";

/** Residents' notifications on Telegram, in the account's language. */
export function telegramSender(api: Api, i18n: I18n<BotContext>): ChannelSender {
  return {
    async send(account: Account, message: ResidentMessage) {
      const t = (key: string, args?: Record<string, string>) => i18n.t(account.locale, key, args);
      // A keeper's confirmation carries the ticket's buttons; the press goes through the transition like any card's.
      const keyboard = message.kind === "closure_to_confirm" ? closureButtons(message.ticketId, t) : undefined;
      await api.sendMessage(account.externalId, renderResidentMessage(message, t), keyboard ? { reply_markup: keyboard } : {});
    },
  };
}

function closureButtons(ticketId: string, t: (key: string) => string): InlineKeyboard {
  return new InlineKeyboard().text(t("btn-vcy"), `tk:${ticketId}:vcy`).row().text(t("btn-vcn"), `tk:${ticketId}:vcn`);
}
