import type { RecordedCall, TelegramEmulator, Update } from "./telegram-emulator.js";
import type { RecordedZaloCall, ZaloEmulator } from "./zalo-emulator.js";

/** A button under a message: a callback (Telegram), a query payload (Zalo), or a link. */
export interface ChatButton {
  text: string;
  data?: string;
  url?: string;
}

/** One message as the page draws it: what a phone would show, nothing the bot did not send. */
export interface ChatMessage {
  id: string;
  chat: string;
  mine: boolean;
  text?: string;
  photo?: string;
  document?: string;
  location?: { lat: number; lng: number };
  buttons?: ChatButton[][];
  at: number;
}

export type ChatEvent =
  | { type: "message"; message: ChatMessage }
  | { type: "keyboard"; chat: string; keyboard: { text: string; requestLocation?: boolean }[][] | null }
  | { type: "action"; chat: string; action: string }
  | { type: "toast"; chat: string; text: string }
  | { type: "reset" };

export const telegramChat = (chatId: number | string) => `tg:${chatId}`;
export const zaloChat = (userId: string) => `zalo:${userId}`;

type Markup = {
  inline_keyboard?: { text: string; callback_data?: string; url?: string }[][];
  keyboard?: (string | { text: string; request_location?: boolean })[][];
  one_time_keyboard?: boolean;
  remove_keyboard?: boolean;
};

/**
 * The chats the page shows, built only from what went through the emulators: updates users
 * sent and the Bot API / OA API calls the bot made. Listeners get every change as it happens.
 */
export function createChatLog(o: { telegram: TelegramEmulator; zalo: ZaloEmulator; fileUrl: (fileId: string) => string; zaloFileUrl: (attachmentId: string) => string }) {
  const chats = new Map<string, ChatMessage[]>();
  const keyboards = new Map<string, ChatEvent & { type: "keyboard"; oneTime: boolean }>();
  const listeners = new Set<(e: ChatEvent) => void>();
  /** Which chat a callback query came from, so its answer shows there. */
  const callbackChats = new Map<string, string>();
  let seq = 0;

  const emit = (e: ChatEvent) => {
    for (const l of listeners) l(e);
  };
  function put(m: ChatMessage): void {
    const list = chats.get(m.chat) ?? [];
    const i = list.findIndex((x) => x.id === m.id);
    if (i >= 0) list[i] = m;
    else list.push(m);
    chats.set(m.chat, list);
    emit({ type: "message", message: m });
  }
  const find = (chat: string, id: string) => chats.get(chat)?.find((m) => m.id === id);

  function inlineButtons(markup: Markup | undefined): ChatButton[][] | undefined {
    return markup?.inline_keyboard?.map((row) => row.map((b) => ({ text: b.text, data: b.callback_data, url: b.url })));
  }
  function telegramKeyboard(chat: string, markup: Markup | undefined): void {
    if (markup?.keyboard) {
      const keyboard = markup.keyboard.map((row) => row.map((b) => (typeof b === "string" ? { text: b } : { text: b.text, requestLocation: b.request_location })));
      keyboards.set(chat, { type: "keyboard", chat, keyboard, oneTime: markup.one_time_keyboard === true });
      emit({ type: "keyboard", chat, keyboard });
    } else if (markup?.remove_keyboard) {
      keyboards.delete(chat);
      emit({ type: "keyboard", chat, keyboard: null });
    }
  }

  function onTelegramUpdate(u: Update): void {
    const m = u.message as { message_id: number; chat: { id: number }; text?: string; photo?: { file_id: string }[]; document?: { file_name?: string }; location?: { latitude: number; longitude: number } } | undefined;
    const cq = u.callback_query as { id: string; message?: { chat: { id: number } } } | undefined;
    if (cq?.message) callbackChats.set(cq.id, telegramChat(cq.message.chat.id));
    if (!m) return;
    const chat = telegramChat(m.chat.id);
    // A one-time keyboard folds away once the user has sent something, as Telegram's apps do.
    if (keyboards.get(chat)?.oneTime) {
      keyboards.delete(chat);
      emit({ type: "keyboard", chat, keyboard: null });
    }
    put({
      id: `u${u.update_id}`, chat, mine: true, at: Date.now(), text: m.text,
      photo: m.photo ? o.fileUrl(m.photo.at(-1)!.file_id) : undefined, document: m.document?.file_name,
      location: m.location ? { lat: m.location.latitude, lng: m.location.longitude } : undefined,
    });
  }

  function onTelegramCall(c: RecordedCall): void {
    const p = c.params;
    const chat = telegramChat(String(p.chat_id));
    const result = c.result as { message_id?: number; photo?: { file_id: string }[]; document?: { file_name?: string } } | undefined;
    const markup = (typeof p.reply_markup === "string" ? JSON.parse(p.reply_markup) : p.reply_markup) as Markup | undefined;
    switch (c.method) {
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument":
        put({
          id: `b${result?.message_id}`, chat, mine: false, at: c.at, text: (p.text ?? p.caption) as string | undefined,
          photo: result?.photo ? o.fileUrl(result.photo.at(-1)!.file_id) : undefined, document: result?.document?.file_name ?? undefined,
          buttons: inlineButtons(markup),
        });
        telegramKeyboard(chat, markup);
        return;
      case "editMessageText":
      case "editMessageCaption":
      case "editMessageReplyMarkup": {
        const old = find(chat, `b${p.message_id}`);
        if (old) put({ ...old, ...(p.text !== undefined ? { text: String(p.text) } : {}), ...(p.caption !== undefined ? { text: String(p.caption) } : {}), buttons: inlineButtons(markup) });
        return;
      }
      case "sendChatAction":
        return emit({ type: "action", chat, action: String(p.action) });
      case "answerCallbackQuery": {
        const from = callbackChats.get(String(p.callback_query_id));
        if (from && p.text) emit({ type: "toast", chat: from, text: String(p.text) });
        return;
      }
    }
  }

  type ZaloMessage = { text?: string; attachment?: { type: string; payload?: { buttons?: { title: string; payload?: unknown; type: string }[]; template_type?: string; elements?: { attachment_id?: string }[] } } };
  function onZaloCall(c: RecordedZaloCall): void {
    if (c.path !== "/v3.0/oa/message/cs" || c.error !== 0) return;
    const body = c.body as { recipient: { user_id: string }; message: ZaloMessage };
    const chat = zaloChat(body.recipient.user_id);
    const payload = body.message.attachment?.payload;
    const image = payload?.template_type === "media" ? payload.elements?.[0]?.attachment_id : undefined;
    const buttons = payload?.buttons?.map((b) => [b.type === "oa.open.url" ? { text: b.title, url: String((b.payload as { url?: string }).url) } : { text: b.title, data: String(b.payload) }]);
    put({
      id: `z${++seq}`, chat, mine: false, at: Date.now(), text: body.message.text, photo: image ? o.zaloFileUrl(image) : undefined,
      document: body.message.attachment?.type === "file" ? "📄" : undefined, buttons,
    });
  }

  const stops = [o.telegram.onUpdate(onTelegramUpdate), o.telegram.onCall(onTelegramCall), o.zalo.onCall(onZaloCall)];
  return {
    /** What a Zalo user sent: the OA API never sees it, so the simulator notes it as the Zalo app would show it. */
    zaloUserSaid(userId: string, m: Omit<ChatMessage, "id" | "chat" | "mine" | "at">): void {
      put({ ...m, id: `zu${++seq}`, chat: zaloChat(userId), mine: true, at: Date.now() });
    },
    messages: (chat: string) => chats.get(chat) ?? [],
    keyboard: (chat: string) => keyboards.get(chat)?.keyboard ?? null,
    listen(l: (e: ChatEvent) => void): () => void {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    clear(): void {
      chats.clear();
      keyboards.clear();
      emit({ type: "reset" });
    },
    stop: () => stops.forEach((s) => s()),
  };
}

export type ChatLog = ReturnType<typeof createChatLog>;
