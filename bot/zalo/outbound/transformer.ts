import type { InputFile } from "grammy";
import sharp from "sharp";
import type { ApiResponse, InlineKeyboardButton, KeyboardButton, Message, ReplyKeyboardMarkup } from "grammy/types";
import type { ZaloChoice, ZaloUserStore } from "../../../models/zalo-user.js";
import type { ZaloButton, ZaloClient } from "./client.js";
import type { ZaloSender } from "./sender.js";
import { parseMultipart } from "./multipart.js";
import { QUERY_PREFIX } from "../inbound/update.js";

/** Zalo shows at most five buttons under a message; longer menus become numbered replies. */
const MAX_BUTTONS = 5;

export interface ZaloTransformerDeps {
  client: ZaloClient;
  sender: ZaloSender;
  users: ZaloUserStore;
  /** The user's language, and a translator for the few texts the bridge adds itself. */
  localeOf: (zaloUserId: string) => Promise<string>;
  t: (locale: string, key: string) => string;
}

type Payload = Record<string, unknown>;
type Option = { title: string; callbackData?: string; url?: string; text?: string };

function toButton(o: Option): ZaloButton {
  if (o.url) return { title: o.title, type: "oa.open.url", url: o.url };
  if (o.callbackData !== undefined) return { title: o.title, type: "oa.query.hide", payload: QUERY_PREFIX + o.callbackData };
  // A reply-keyboard button is text the user sends: show it in the chat, as Telegram does.
  return { title: o.title, type: "oa.query.show", payload: o.text ?? o.title };
}

type Markup = { inline_keyboard?: InlineKeyboardButton[][]; keyboard?: ReplyKeyboardMarkup["keyboard"] };

/** Zalo shows plain text: drop Telegram's HTML tags and Markdown escapes. */
export function plainText(text: string, parseMode: unknown): string {
  if (parseMode === "HTML") {
    return text
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  }
  if (parseMode === "MarkdownV2") return text.replace(/\\([_*[\]()~`>#+\-=|{}.!\\])/g, "$1");
  return text;
}

/** A file in a call: an InputFile, or a part of a multipart request; both give their bytes through toRaw. */
type FileLike = Pick<InputFile, "filename"> & { toRaw(): Promise<Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>> };

async function bytesOf(file: FileLike | string): Promise<Uint8Array> {
  if (typeof file === "string") return new Uint8Array(await (await fetch(file)).arrayBuffer());
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return raw;
  const chunks: Uint8Array[] = [];
  for await (const c of raw as AsyncIterable<Uint8Array>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Zalo takes images up to 1 MB: larger ones are re-encoded as a smaller JPEG. */
const MAX_IMAGE_BYTES = 1_000_000;

async function fitImage(bytes: Uint8Array, name: string): Promise<{ bytes: Uint8Array; name: string; type: string }> {
  if (bytes.length <= MAX_IMAGE_BYTES) return { bytes, name, type: name.toLowerCase().endsWith(".png") ? "image/png" : "image/jpeg" };
  const jpeg = await sharp(bytes).rotate().resize({ width: 1600, height: 1600, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  return { bytes: jpeg, name: name.replace(/\.\w+$/, "") + ".jpg", type: "image/jpeg" };
}

/**
 * Zalo presented as the Bot API: the resident handlers call sendMessage, sendPhoto,
 * getFile… and each call becomes Zalo OA calls (or is answered locally where Zalo has
 * no such thing).
 */
function zaloBotApi(deps: ZaloTransformerDeps) {
  async function userOf(chatId: unknown) {
    const user = await deps.users.byChatId(Number(chatId));
    if (!user) throw new Error(`no Zalo user for chat ${String(chatId)}`);
    return user;
  }

  async function sendText(p: Payload): Promise<Message> {
    const user = await userOf(p.chat_id);
    const locale = await deps.localeOf(user.zaloUserId);
    let text = plainText(String(p.text ?? ""), p.parse_mode);
    const markup = (p.reply_markup ?? {}) as Markup;
    const inline = (markup.inline_keyboard ?? []).flat();
    const reply = (markup.keyboard ?? []).flat().map((b: KeyboardButton) => (typeof b === "string" ? { text: b } : b));
    if (reply.some((b) => "request_location" in b && b.request_location)) text += "\n\n" + deps.t(locale, "zalo-share-location");
    const options = [
      ...inline.map((b): Option => ({ title: b.text, callbackData: "callback_data" in b ? b.callback_data : undefined, url: "url" in b ? b.url : undefined })),
      ...reply.filter((b) => !("request_location" in b && b.request_location) && !("request_contact" in b && b.request_contact)).map((b): Option => ({ title: b.text, text: b.text })),
    ].filter((o) => o.callbackData !== undefined || o.url !== undefined || o.text !== undefined);

    let buttons: ZaloButton[] = [];
    let choices: ZaloChoice[] = [];
    if (options.length <= MAX_BUTTONS) {
      buttons = options.map(toButton);
    } else {
      const pickable = options.filter((o) => !o.url);
      choices = pickable.map((o, i) => ({ n: i + 1, callbackData: o.callbackData, text: o.text }));
      const lines = [...pickable.map((o, i) => `${i + 1}. ${o.title}`), ...options.filter((o) => o.url).map((o) => `${o.title}: ${o.url}`)];
      text += `\n\n${deps.t(locale, "zalo-choose-number")}\n${lines.join("\n")}`;
    }
    // Numbers refer to the latest message only, as a typed "2" answers the menu the user sees last.
    if (choices.length || user.choices.length) await deps.users.setChoices(user.zaloUserId, choices);
    const sent = await deps.sender.deliver(user.zaloUserId, { kind: "text", text, buttons });
    return { message_id: sent.messageId, date: Math.floor(Date.now() / 1000), chat: { id: user.chatId, type: "private", first_name: "Zalo" }, text } as Message;
  }

  async function sendMedia(p: Payload, kind: "photo" | "document"): Promise<Message> {
    const user = await userOf(p.chat_id);
    const file = p[kind] as FileLike | string;
    const bytes = await bytesOf(file);
    const name = typeof file === "string" ? file.split("/").pop() ?? kind : (file.filename ?? kind);
    const caption = p.caption ? plainText(String(p.caption), p.parse_mode) : undefined;
    let sent;
    if (kind === "photo") {
      const image = await fitImage(bytes, name);
      const attachmentId = await deps.client.uploadImage(image.bytes, image.name, image.type);
      sent = await deps.sender.deliver(user.zaloUserId, { kind: "image", attachmentId, text: caption });
    } else {
      if (caption) await deps.sender.deliver(user.zaloUserId, { kind: "text", text: caption });
      sent = await deps.sender.deliver(user.zaloUserId, { kind: "file", token: await deps.client.uploadFile(bytes, name) });
    }
    return { message_id: sent.messageId, date: Math.floor(Date.now() / 1000), chat: { id: user.chatId, type: "private", first_name: "Zalo" } } as Message;
  }

  const local: Record<string, (p: Payload) => Promise<unknown>> = {
    sendMessage: sendText,
    // Zalo cannot edit a sent message: the new text arrives as a new message.
    editMessageText: (p) => (p.chat_id === undefined ? Promise.resolve(true) : sendText(p)),
    sendPhoto: (p) => sendMedia(p, "photo"),
    sendDocument: (p) => sendMedia(p, "document"),
    // The attachment URL is the file: the downloader fetches it with its usual size limits.
    getFile: async (p) => ({ file_id: p.file_id, file_unique_id: String(p.file_id).slice(-16), file_path: p.file_id }),
    getMyCommands: async () => [],
  };
  const noOps = ["sendChatAction", "answerCallbackQuery", "setMyCommands", "deleteMyCommands", "setChatMenuButton", "editMessageReplyMarkup", "deleteMessage", "setMyDescription", "setMyShortDescription"];

  return async (method: string, payload: Payload): Promise<ApiResponse<unknown>> => {
    const handler = local[method];
    if (handler) return { ok: true, result: await handler(payload) };
    if (noOps.includes(method)) return { ok: true, result: true };
    return { ok: false, error_code: 400, description: `Bad Request: ${method} is not available on Zalo` };
  };
}

/** The call as grammY encoded it: JSON, or multipart with files under attach:// names. */
async function decodeRequest(init: RequestInit | undefined): Promise<Payload> {
  const body = init?.body as string | AsyncIterable<Uint8Array> | undefined;
  if (typeof body === "string") return JSON.parse(body) as Payload;
  if (!body) return {};
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c));
  const parts = parseMultipart(Buffer.concat(chunks), new Headers(init?.headers).get("content-type") ?? "");
  const payload: Payload = {};
  for (const part of parts) {
    if (part.filename !== undefined) continue;
    const value = part.data.toString("utf8");
    if (value.startsWith("attach://")) {
      const file = parts.find((p) => p.name === value.slice("attach://".length));
      if (file) payload[part.name] = { filename: file.filename, toRaw: async () => new Uint8Array(file.data) };
      continue;
    }
    try {
      payload[part.name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      payload[part.name] = value;
    }
  }
  return payload;
}

/**
 * The bot's `client.fetch`: every Bot API request — also those made inside conversations,
 * which build their own Api from the bot's options — is answered from Zalo, never from Telegram.
 */
export function zaloBotApiFetch(deps: ZaloTransformerDeps): typeof fetch {
  const call = zaloBotApi(deps);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const method = String(input instanceof Request ? input.url : input).split("/").pop() ?? "";
    let answer: ApiResponse<unknown>;
    try {
      answer = await call(method, await decodeRequest(init));
    } catch (e) {
      // Zalo refused or could not be reached: grammY sees an API error, as it would from Telegram.
      answer = { ok: false, error_code: 502, description: `Zalo: ${(e as Error).message}` };
    }
    return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
  }) as typeof fetch;
}
