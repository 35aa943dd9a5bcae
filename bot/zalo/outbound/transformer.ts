import type { InputFile, Transformer } from "grammy";
import type { RawApi } from "grammy";
import type { ApiResponse, Message } from "grammy/types";
import sharp from "sharp";
import type { ZaloUserStore } from "../../../models/zalo-user.js";
import type { ZaloClient } from "./client.js";
import { zaloMenu } from "./buttons.js";
import { plainText } from "./plain-text.js";
import type { ZaloSender } from "./sender.js";

export interface ZaloTransformerDeps {
  client: ZaloClient;
  sender: ZaloSender;
  users: ZaloUserStore;
  /** The language of the resident behind a chat id, and a translator for the few texts the bridge adds itself. */
  localeOf: (chatId: number) => Promise<string>;
  t: (locale: string, key: string) => string;
  clock: () => Date;
}

/** A Bot API method the resident handlers called that Zalo has no counterpart for. */
export class ZaloUnsupportedMethodError extends Error {
  constructor(readonly method: string) {
    super(`${method} is not available on Zalo`);
    this.name = "ZaloUnsupportedMethodError";
  }
}

type Params<M extends keyof RawApi> = Parameters<RawApi[M]>[0];
type Result<M extends keyof RawApi> = Awaited<ReturnType<RawApi[M]>>;

/** Zalo takes images up to 1 MB: larger ones are re-encoded as a smaller JPEG. */
const MAX_IMAGE_BYTES = 1_000_000;

async function fitImage(bytes: Uint8Array, name: string): Promise<{ bytes: Uint8Array; name: string; type: string }> {
  if (bytes.length <= MAX_IMAGE_BYTES) return { bytes, name, type: name.toLowerCase().endsWith(".png") ? "image/png" : "image/jpeg" };
  const jpeg = await sharp(bytes).rotate().resize({ width: 1600, height: 1600, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  return { bytes: jpeg, name: name.replace(/\.\w+$/, "") + ".jpg", type: "image/jpeg" };
}

/** The bytes of a file a handler sends: an InputFile's own, or a Zalo attachment URL (a file id on Zalo). */
async function bytesOf(file: InputFile | string): Promise<{ bytes: Uint8Array; name: string | undefined }> {
  if (typeof file === "string") {
    if (!/^https?:\/\//.test(file)) throw new Error("a Zalo file id is an http(s) attachment URL");
    return { bytes: new Uint8Array(await (await fetch(file, { signal: AbortSignal.timeout(30_000) })).arrayBuffer()), name: file.split("/").pop() };
  }
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return { bytes: raw, name: file.filename };
  const chunks: Uint8Array[] = [];
  for await (const c of raw) chunks.push(c);
  return { bytes: Buffer.concat(chunks), name: file.filename };
}

/**
 * Zalo presented as the Bot API, one typed handler per method the resident features call.
 * Anything else is a ZaloUnsupportedMethodError, never a made-up success.
 */
function zaloMethods(deps: ZaloTransformerDeps) {
  /** The Zalo user id behind a chat id: known from memory after the first lookup. */
  async function userOf(chatId: number | string): Promise<{ zaloUserId: string; chatId: number }> {
    const zaloUserId = await deps.users.idOfChat(Number(chatId));
    if (!zaloUserId) throw new Error(`no Zalo user for chat ${String(chatId)}`);
    return { zaloUserId, chatId: Number(chatId) };
  }
  const sentMessage = (user: { chatId: number }, messageId: number, extra: Partial<Message> = {}) =>
    ({ message_id: messageId, date: Math.floor(deps.clock().getTime() / 1000), chat: { id: user.chatId, type: "private", first_name: "Zalo" }, ...extra }) as Message.TextMessage;

  async function sendText(chatId: number | string, text: string, parseMode: string | undefined, markup: object | undefined) {
    const user = await userOf(chatId);
    const menu = zaloMenu(markup);
    let shown = plainText(text, parseMode);
    // Only a menu adds words of ours, so only a menu needs the resident's language.
    if (menu.asksLocation || menu.listing) {
      const locale = await deps.localeOf(user.chatId);
      if (menu.asksLocation) shown += "\n\n" + deps.t(locale, "zalo-share-location");
      if (menu.listing) shown += `\n\n${deps.t(locale, "zalo-choose-number")}\n${menu.listing.join("\n")}`;
    }
    // Numbers refer to the latest message only, as a typed "2" answers the menu the user sees last.
    const sent = await deps.sender.deliver(user.zaloUserId, { kind: "text", text: shown, buttons: menu.buttons }, menu.choices);
    return sentMessage(user, sent.messageId, { text: shown });
  }

  async function sendMedia(chatId: number | string, file: InputFile | string, kind: "photo" | "document", caption: string | undefined) {
    const user = await userOf(chatId);
    const { bytes, name = kind } = await bytesOf(file);
    let sent;
    if (kind === "photo") {
      const image = await fitImage(bytes, name);
      const attachmentId = await deps.client.uploadImage(image.bytes, image.name, image.type);
      sent = await deps.sender.deliver(user.zaloUserId, { kind: "image", attachmentId, text: caption });
    } else {
      if (caption) await deps.sender.deliver(user.zaloUserId, { kind: "text", text: caption });
      sent = await deps.sender.deliver(user.zaloUserId, { kind: "file", token: await deps.client.uploadFile(bytes, name) });
    }
    return sentMessage(user, sent.messageId) as unknown as Message.PhotoMessage & Message.DocumentMessage;
  }

  return {
    sendMessage: (p: Params<"sendMessage">) => sendText(p.chat_id, p.text, p.parse_mode, p.reply_markup),
    // Zalo cannot edit a sent message: the new text arrives as a new message.
    editMessageText: async (p: Params<"editMessageText">): Promise<Result<"editMessageText">> => {
      const chatId = p.chat_id;
      if (chatId === undefined) throw new ZaloUnsupportedMethodError("editMessageText of an inline message");
      return (await sendText(chatId, p.text ?? "", p.parse_mode, p.reply_markup)) as Result<"editMessageText">;
    },
    sendPhoto: (p: Params<"sendPhoto">) => sendMedia(p.chat_id, p.photo, "photo", p.caption ? plainText(p.caption, p.parse_mode) : undefined),
    sendDocument: (p: Params<"sendDocument">) => sendMedia(p.chat_id, p.document, "document", p.caption ? plainText(p.caption, p.parse_mode) : undefined),
    // The attachment URL is the file: the downloader fetches it with its usual limits.
    getFile: async (p: Params<"getFile">): Promise<Result<"getFile">> => ({ file_id: p.file_id, file_unique_id: p.file_id.slice(-16), file_path: p.file_id }),
    // Zalo shows no spinner to stop; a text the user should read arrives as a message.
    answerCallbackQuery: async (p: Params<"answerCallbackQuery">): Promise<true> => {
      if (!p.text) return true;
      const user = await userOf(p.callback_query_id.split(":")[0]!);
      await deps.sender.deliver(user.zaloUserId, { kind: "text", text: p.text });
      return true;
    },
    // A hint with no Zalo counterpart: leaving it out is how it looks on Zalo.
    sendChatAction: async (): Promise<true> => true,
  };
}

/**
 * The Zalo bot's transport: a grammY API transformer that answers each Bot API call from
 * Zalo on its typed payload (files stay InputFiles) and never calls the HTTP layer below.
 */
export function zaloTransformer(deps: ZaloTransformerDeps): Transformer {
  const methods: Record<string, (p: never) => Promise<unknown>> = zaloMethods(deps);
  return (async (_prev, method, payload) => {
    const handler = methods[method];
    if (!handler) throw new ZaloUnsupportedMethodError(method);
    return { ok: true, result: await handler(payload as never) } satisfies ApiResponse<unknown>;
  }) as Transformer;
}
