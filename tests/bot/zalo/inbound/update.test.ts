import { describe, expect, it } from "vitest";
import { zaloEventToUpdate } from "../../../../bot/zalo/inbound/update.js";
import type { ZaloUser } from "../../../../models/zalo-user.js";

const alias: ZaloUser = {
  zaloUserId: "8400000000000000301",
  chatId: 8_123_456_789_012_345,
  followed: true,
  lastInboundAt: undefined,
  windowSent: 0,
  month: undefined,
  monthSent: 0,
  held: [],
  choices: [{ n: 2, text: "Bỏ qua" }],
  lastMessageId: 7,
};
const event = (event_name: string, message: Record<string, unknown>) => ({ app_id: "1", event_name, timestamp: "1795430000000", sender: { id: alias.zaloUserId }, message: { msg_id: "m", ...message } });

describe("Zalo events as grammY updates", () => {
  it("a command keeps its bot_command entity, under the user's safe integer alias", () => {
    const u = zaloEventToUpdate(event("user_send_text", { text: "/ticket HUE-2611-0042" }), alias, "k1", "vi")!;
    expect(Number.isSafeInteger(u.message!.chat.id)).toBe(true);
    expect(u.message!.from!.id).toBe(alias.chatId);
    expect(u.message!.entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
  });

  it("a query payload is a callback on the last message; a typed number picks the remembered reply text", () => {
    const cb = zaloEventToUpdate(event("user_send_text", { text: "#q:report:type:no_poster" }), alias, "k2", "vi")!;
    expect(cb.callback_query!.data).toBe("report:type:no_poster");
    expect(cb.callback_query!.message!.message_id).toBe(7);
    expect(zaloEventToUpdate(event("user_send_text", { text: "2" }), alias, "k3", "vi")!.message!.text).toBe("Bỏ qua");
  });

  it("a file is a document with its name, type and size; an image keeps its caption", () => {
    const doc = zaloEventToUpdate(event("user_send_file", { attachments: [{ type: "file", payload: { url: "https://f/x", name: "anh.JPG", size: "2048" } }] }), alias, "k4", "vi")!;
    expect(doc.message!.document).toMatchObject({ file_id: "https://f/x", file_name: "anh.JPG", mime_type: "image/jpeg", file_size: 2048 });
    const photo = zaloEventToUpdate(event("user_send_image", { text: "cổng quán", attachments: [{ type: "image", payload: { url: "https://f/y" } }] }), alias, "k5", "vi")!;
    expect(photo.message!.photo![0]!.file_id).toBe("https://f/y");
    expect(photo.message!.caption).toBe("cổng quán");
  });

  it("a location with bad coordinates and events the bot does not handle give no update", () => {
    expect(zaloEventToUpdate(event("user_send_location", { attachments: [{ type: "location", payload: { coordinates: { latitude: "abc", longitude: "1" } } }] }), alias, "k6", "vi")).toBeUndefined();
    expect(zaloEventToUpdate(event("user_seen_message", {}), alias, "k7", "vi")).toBeUndefined();
  });
});
