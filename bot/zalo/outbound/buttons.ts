import type { InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup } from "grammy/types";
import type { ZaloChoice } from "../../../models/zalo-user.js";
import { QUERY_PREFIX } from "../inbound/update.js";
import type { ZaloButton } from "./client.js";

/** Zalo shows at most five buttons under a message; longer menus become numbered replies. */
const MAX_BUTTONS = 5;

type Option = { title: string; callbackData?: string; url?: string; text?: string };

function toButton(o: Option): ZaloButton {
  if (o.url) return { title: o.title, type: "oa.open.url", url: o.url };
  if (o.callbackData !== undefined) return { title: o.title, type: "oa.query.hide", payload: QUERY_PREFIX + o.callbackData };
  // A reply-keyboard button is text the user sends: show it in the chat, as Telegram does.
  return { title: o.title, type: "oa.query.show", payload: o.text ?? o.title };
}

export interface ZaloMenu {
  buttons: ZaloButton[];
  /** Set when the options became a numbered list: what each number picks. */
  choices: ZaloChoice[];
  /** The numbered list to append to the text, or undefined. */
  listing: string[] | undefined;
  /** The markup asked for the user's location: Zalo has no such button, the text must explain. */
  asksLocation: boolean;
}

/** A Telegram reply markup as Zalo can show it: query buttons, or numbered choices beyond five. */
export function zaloMenu(markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | object | undefined): ZaloMenu {
  const inline = ("inline_keyboard" in (markup ?? {}) ? (markup as InlineKeyboardMarkup).inline_keyboard : []).flat();
  const reply = ("keyboard" in (markup ?? {}) ? (markup as ReplyKeyboardMarkup).keyboard : [])
    .flat()
    .map((b: KeyboardButton) => (typeof b === "string" ? { text: b } : b));
  const asksLocation = reply.some((b) => "request_location" in b && b.request_location);
  const options = [
    ...inline.map((b): Option => ({ title: b.text, callbackData: "callback_data" in b ? b.callback_data : undefined, url: "url" in b ? b.url : undefined })),
    ...reply
      .filter((b) => !("request_location" in b && b.request_location) && !("request_contact" in b && b.request_contact))
      .map((b): Option => ({ title: b.text, text: b.text })),
  ].filter((o) => o.callbackData !== undefined || o.url !== undefined || o.text !== undefined);
  if (options.length <= MAX_BUTTONS) return { buttons: options.map(toButton), choices: [], listing: undefined, asksLocation };
  const pickable = options.filter((o) => !o.url);
  return {
    buttons: [],
    choices: pickable.map((o, i) => ({ n: i + 1, callbackData: o.callbackData, text: o.text })),
    listing: [...pickable.map((o, i) => `${i + 1}. ${o.title}`), ...options.filter((o) => o.url).map((o) => `${o.title}: ${o.url}`)],
    asksLocation,
  };
}
