import { createHash } from "node:crypto";
import type { Chat, Message, Update, User } from "grammy/types";
import type { ZaloUser } from "../../../models/zalo-user.js";
import { coordinatesOf, type ZaloEvent } from "./events.js";

/** Query buttons carry callback data back as a user message starting with this. */
export const QUERY_PREFIX = "#q:";

const short = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 16);
/** A stable update id for a stored event (grammY needs a number; nothing orders by it). */
const updateIdOf = (key: string) => parseInt(createHash("sha256").update(key).digest("hex").slice(0, 8), 16);

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
export function zaloEventToUpdate(event: ZaloEvent, alias: ZaloUser, key: string, locale: string): Update | undefined {
  const from: User = { id: alias.chatId, is_bot: false, first_name: "Zalo", language_code: locale };
  const chat: Chat.PrivateChat = { id: alias.chatId, type: "private", first_name: "Zalo" };
  const date = Math.floor(Number(event.timestamp) / 1000) || Math.floor(Date.now() / 1000);
  const base = { message_id: updateIdOf(key) % 2 ** 31, date, chat, from };
  const update_id = updateIdOf(key);
  const message = (extra: Partial<Message>): Update => ({ update_id, message: { ...base, ...extra } as NonNullable<Update["message"]> });
  const callback = (data: string): Update => ({
    update_id,
    callback_query: {
      id: short(key),
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
