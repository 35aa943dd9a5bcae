import type { FakeTelegramApi, RecordedCall } from "../../simulator/telegram-emulator.js";

export interface BotReply {
  method: string;
  text: string;
  /** callback_data of every inline button, row by row flattened */
  buttons: { text: string; data?: string; url?: string; requestLocation?: boolean }[];
  messageId?: number;
}

interface Button {
  text: string;
  callback_data?: string;
  url?: string;
  request_location?: boolean;
}

/**
 * A resident talking to the bot through the fake Bot API: every action becomes a real update,
 * and replies are read from the calls the bot made to the API.
 */
export class TelegramTestUser {
  private cursor = 0;
  private messageId = 1;
  private lastButtons: { messageId: number; buttons: BotReply["buttons"] } | undefined;

  constructor(
    private readonly api: FakeTelegramApi,
    readonly id: number,
    readonly languageCode = "vi",
    readonly chatId = id,
    /** The name Telegram gives the account (an officer's real name in the console's header). */
    readonly firstName = `Resident ${id}`,
  ) {
    this.cursor = api.calls.length;
  }

  private get from() {
    return { id: this.id, is_bot: false, first_name: this.firstName, language_code: this.languageCode };
  }

  private chat() {
    return this.chatId < 0 ? { id: this.chatId, type: "group", title: "Khu phố" } : { id: this.chatId, type: "private", first_name: "Resident" };
  }

  private sendMessage(extra: Record<string, unknown>, updateId?: number): Promise<number> {
    const message = { message_id: this.messageId++, date: Math.floor(Date.now() / 1000), chat: this.chat(), from: this.from, ...extra };
    return this.api.push({ update_id: updateId, message });
  }

  say(text: string): Promise<number> {
    return this.sayWithUpdateId(text);
  }

  /** A message under a chosen update id (one another instance already claimed, say). */
  sayWithUpdateId(text: string, updateId?: number): Promise<number> {
    const command = /^\/\w+/.exec(text);
    const entities = command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined;
    return this.sendMessage({ text, ...(entities ? { entities } : {}) }, updateId);
  }

  sendPhoto(bytes: Buffer): Promise<number> {
    const f = this.api.addFile(bytes);
    return this.sendMessage({ photo: [{ ...f, width: 1280, height: 960 }] });
  }

  sendDocument(bytes: Buffer, mime: string, fileName: string, declaredSize?: number): Promise<number> {
    const f = this.api.addFile(bytes, fileName.split(".").pop());
    return this.sendMessage({ document: { ...f, file_size: declaredSize ?? f.file_size, mime_type: mime, file_name: fileName } });
  }

  sendLocation(lat: number, lng: number): Promise<number> {
    return this.sendMessage({ location: { latitude: lat, longitude: lng } });
  }

  sendRaw(extra: Record<string, unknown>): Promise<number> {
    return this.sendMessage(extra);
  }

  /** Presses the button with this callback data (or label) on the last message that had buttons. */
  press(dataOrLabel: string | RegExp): Promise<number> {
    const last = this.lastButtons;
    if (!last) throw new Error("no message with buttons yet");
    const match = (s: string | undefined) => s !== undefined && (typeof dataOrLabel === "string" ? s === dataOrLabel : dataOrLabel.test(s));
    const button = last.buttons.find((b) => match(b.data) || match(b.text));
    if (!button?.data) throw new Error(`no button ${String(dataOrLabel)} in ${JSON.stringify(last.buttons)}`);
    return this.pressData(button.data, last.messageId);
  }

  /** Sends callback data as is (also data the bot never offered). */
  pressData(data: string, messageId = this.lastButtons?.messageId ?? 1): Promise<number> {
    return this.api.push({
      callback_query: {
        id: `cq${Date.now()}${Math.random()}`.replace(".", ""),
        from: this.from,
        chat_instance: "ci",
        data,
        message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: this.chat(), text: "…" },
      },
    });
  }

  /** The next text the bot showed this chat (sent or edited) matching `pattern`; earlier ones are passed over. */
  async expectReply(pattern: RegExp, timeoutMs = 10_000): Promise<BotReply> {
    const call = await this.api
      .waitForCall((c) => this.isReplyToMe(c) && pattern.test(String(c.params.text ?? c.params.caption ?? "")), this.cursor, timeoutMs)
      .catch((e: Error) => {
        throw new Error(`user ${this.id} expected ${String(pattern)}; saw ${JSON.stringify(this.pending().map((r) => r.text))}`, { cause: e });
      });
    this.cursor = this.api.calls.indexOf(call) + 1;
    const reply = toReply(call);
    if (reply.buttons.some((b) => b.data)) this.lastButtons = { messageId: reply.messageId ?? 0, buttons: reply.buttons };
    return reply;
  }

  /** Every text shown to this chat since the last expectReply. */
  pending(): BotReply[] {
    return this.api.calls.slice(this.cursor).filter((c) => this.isReplyToMe(c)).map((c) => toReply(c));
  }

  /** A call the fake answered with an error never reached the chat. */
  private isReplyToMe(c: RecordedCall): boolean {
    return c.error === undefined && ["sendMessage", "editMessageText", "sendPhoto", "sendDocument"].includes(c.method) && Number(c.params.chat_id) === this.chatId;
  }
}

function toReply(call: RecordedCall): BotReply {
  const markup = call.params.reply_markup as { inline_keyboard?: Button[][]; keyboard?: Button[][] } | undefined;
  const rows = markup?.inline_keyboard ?? markup?.keyboard ?? [];
  // The message a press refers to: the edited one, or the one the bot really posted.
  const posted = (call.result as { message_id?: number } | undefined)?.message_id;
  const messageId = call.method === "editMessageText" ? Number(call.params.message_id) : posted;
  return {
    method: call.method,
    text: String(call.params.text ?? call.params.caption ?? ""),
    buttons: rows.flat().map((b) => ({ text: b.text, data: b.callback_data, url: b.url, requestLocation: b.request_location })),
    messageId,
  };
}
