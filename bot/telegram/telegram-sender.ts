import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard, type Api } from "grammy";
import type { Account } from "../../models/account.js";
import { renderResidentMessage, residentButtons, type ChannelSender, type ResidentMessage } from "../../services/notify/resident-message.js";
import type { BotContext } from "../deps.js";

/** Residents' notifications on Telegram, in the account's language. */
export function telegramSender(api: Api, i18n: I18n<BotContext>): ChannelSender {
  return {
    async send(account: Account, message: ResidentMessage) {
      const t = (key: string, args?: Record<string, string>) => i18n.t(account.locale, key, args);
      // A closing carries its rating and "not fixed" buttons, a keeper's confirmation the ticket's
      // buttons (ids only; every press is authorized again and goes through the transition).
      const buttons = residentButtons(message, t);
      const keyboard =
        message.kind === "closure_to_confirm"
          ? closureButtons(message.ticketId, t)
          : buttons.length ? InlineKeyboard.from(buttons.map((b) => [InlineKeyboard.text(b.text, b.data)])) : undefined;
      await api.sendMessage(account.externalId, renderResidentMessage(message, t), keyboard ? { reply_markup: keyboard } : {});
    },
  };
}

function closureButtons(ticketId: string, t: (key: string) => string): InlineKeyboard {
  return new InlineKeyboard().text(t("btn-vcy"), `tk:${ticketId}:vcy`).row().text(t("btn-vcn"), `tk:${ticketId}:vcn`);
}
