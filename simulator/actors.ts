import { sendSignedZaloEvent, type ZaloEmulator } from "./zalo-emulator.js";
import type { ChatLog } from "./chat-log.js";
import type { Persona } from "./demo/demo-world.js";
import type { TelegramEmulator } from "./telegram-emulator.js";

/** What a person can do in one chat on the page; each becomes a real update or a real Zalo event. */
export interface Actor {
  text(text: string): Promise<void>;
  press(data: string, messageId: string): Promise<void>;
  location(lat: number, lng: number): Promise<void>;
  file(bytes: Buffer, name: string, mime: string): Promise<void>;
}

/** A Telegram user writing in a private chat (chatId = user id) or in the ward group. */
export function telegramActor(api: TelegramEmulator, persona: Persona, chatId: number): Actor {
  const from = { id: Number(persona.userId), is_bot: false, first_name: persona.name, language_code: "vi" };
  const chat = chatId < 0 ? { id: chatId, type: "supergroup", title: "Ward group" } : { id: chatId, type: "private", first_name: persona.name };
  let messageId = Date.now() % 1_000_000;
  const send = async (extra: Record<string, unknown>) => {
    await api.push({ message: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat, from, ...extra } });
  };
  return {
    text(text) {
      const command = /^\/\w+/.exec(text);
      return send({ text, ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}) });
    },
    async press(data, id) {
      const message = { message_id: Number(id.replace(/^b/, "")), date: Math.floor(Date.now() / 1000), chat, text: "…" };
      await api.push({ callback_query: { id: `cq${Date.now()}${Math.floor(Math.random() * 1e6)}`, from, chat_instance: String(chatId), data, message } });
    },
    location: (lat, lng) => send({ location: { latitude: lat, longitude: lng } }),
    file(bytes, name, mime) {
      // Telegram apps send a picture as a photo and anything else as a document.
      const f = api.addFile(bytes, name.split(".").pop() || "bin");
      if (/^image\/(jpeg|png|webp)$/.test(mime)) return send({ photo: [{ ...f, width: 1280, height: 960 }] });
      return send({ document: { ...f, mime_type: mime, file_name: name } });
    },
  };
}

/** A Zalo user writing to the OA: events signed as Zalo signs them, posted to the app's POST /zalo. */
export function zaloActor(o: { emulator: ZaloEmulator; webhookUrl: string; keys: { appId: string; oaSecretKey: string }; log: ChatLog; persona: Persona }): Actor {
  const userId = o.persona.userId;
  let seq = 0;
  const say = async (event_name: string, message: Record<string, unknown>) => {
    const status = await sendSignedZaloEvent(o.webhookUrl, { event_name, sender: { id: userId }, recipient: { id: "oa" }, message: { msg_id: `sim${Date.now()}-${++seq}`, ...message } }, o.keys);
    if (status !== 200) throw new Error(`POST /zalo answered ${status}`);
  };
  return {
    async text(text) {
      o.log.zaloUserSaid(userId, { text });
      await say("user_send_text", { text });
    },
    async press(data) {
      // A query button's payload arrives as the user's text; only "show" buttons print it in the chat.
      if (!data.startsWith("#q:")) o.log.zaloUserSaid(userId, { text: data });
      await say("user_send_text", { text: data });
    },
    async location(lat, lng) {
      o.log.zaloUserSaid(userId, { location: { lat, lng } });
      await say("user_send_location", { attachments: [{ type: "location", payload: { coordinates: { latitude: String(lat), longitude: String(lng) } } }] });
    },
    async file(bytes, name, mime) {
      const url = o.emulator.hostAttachment(bytes, mime);
      if (mime.startsWith("image/")) {
        o.log.zaloUserSaid(userId, { photo: url });
        await say("user_send_image", { attachments: [{ type: "image", payload: { url, thumbnail: url } }] });
      } else {
        o.log.zaloUserSaid(userId, { document: name });
        await say("user_send_file", { attachments: [{ type: "file", payload: { url, name, size: String(bytes.length) } }] });
      }
    },
  };
}
