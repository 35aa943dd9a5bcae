import { createHash } from "node:crypto";
import type { Chat, Message, Update, User } from "grammy/types";
import type { ZaloUser } from "../../../models/zalo-user.js";
import { coordinatesOf, type ZaloEvent } from "./events.js";

/** Query buttons carry callback data back as a user message starting with this. */
export const QUERY_PREFIX = "#q:";

const short = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 16);

/**
 * Update ids for grammY, which needs a number. They only label an update in logs: Zalo's
 * dedupe is the inbox's msg_id key, so these are counted, never derived from the event.
 */
export function createUpdateIds(): () => number {
  let last = 0;
  return () => ++last;
}

export interface UpdateContext {
  updateId: number;
  /** The inbox key (msg_id) of the event. */
  key: string;
  /** How to call a resident whose Zalo name is unknown (in their language). */
  anonymous: string;
}

const MIME_BY_EXTENSION: Record<string, string> = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", heic: "image/heic", pdf: "application/pdf" };

function commandEntities(text: string): Message["entities"] {
  const m = /^\/[a-z0-9_]+/i.exec(text);
  return m ? [{ type: "bot_command", offset: 0, length: m[0].length }] : undefined;
}

/**
 * The grammY update a Zalo event stands for, so the Telegram handlers run unchanged:
 * text → message.text (a query-button payload or a typed number → callback_query),
 * image → message.photo and file → message.document whose file_id is the attachment URL,
 * location → message.location, follow → /start. Undefined for events with no update.
 */
export function zaloEventToUpdate(event: ZaloEvent, alias: ZaloUser, c: UpdateContext): Update | undefined {
  const name = alias.displayName || c.anonymous;
  // No language_code: Zalo does not tell the client's language; the account's language applies.
  const from: User = { id: alias.chatId, is_bot: false, first_name: name };
  const chat: Chat.PrivateChat = { id: alias.chatId, type: "private", first_name: name };
  const date = Math.floor(Number(event.timestamp) / 1000) || 0;
  const base = { message_id: c.updateId, date, chat, from };
  const update_id = c.updateId;
  const message = (extra: Partial<Message>): Update => ({ update_id, message: { ...base, ...extra } as NonNullable<Update["message"]> });
  const callback = (data: string): Update => ({
    update_id,
    callback_query: {
      // The chat comes first: an answer to this query (answerCallbackQuery) is sent to that resident.
      id: `${alias.chatId}:${short(c.key)}`,
      from,
      chat_instance: String(alias.chatId),
      data,
      message: { message_id: alias.lastMessageId, date, chat, text: "" } as Message.TextMessage,
    },
  });
  const text = event.message?.text?.trim() ?? "";
  const attachment = event.message?.attachments?.[0];

  switch (event.event_name) {
    case "follow":
      return message({ text: "/start", entities: commandEntities("/start") });
    case "user_send_text": {
      if (text.startsWith(QUERY_PREFIX)) return callback(text.slice(QUERY_PREFIX.length));
      const choice = /^\d{1,2}$/.test(text) ? alias.choices.find((c) => c.n === Number(text)) : undefined;
      if (choice?.callbackData) return callback(choice.callbackData);
      const typed = choice?.text ?? text;
      return message({ text: typed, entities: commandEntities(typed) });
    }
    case "user_send_image": {
      const url = attachment?.payload?.url;
      if (!url) return undefined;
      return message({ photo: [{ file_id: url, file_unique_id: short(url), width: 0, height: 0 }], ...(text ? { caption: text } : {}) });
    }
    case "user_send_file": {
      const url = attachment?.payload?.url;
      if (!url) return undefined;
      const name = attachment.payload?.name ?? "file";
      const size = Number(attachment.payload?.size);
      return message({
        document: {
          file_id: url,
          file_unique_id: short(url),
          file_name: name,
          mime_type: MIME_BY_EXTENSION[name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream",
          ...(Number.isFinite(size) ? { file_size: size } : {}),
        },
      });
    }
    case "user_send_location": {
      const c = coordinatesOf(attachment);
      return c ? message({ location: c }) : undefined;
    }
    default:
      return undefined;
  }
}
