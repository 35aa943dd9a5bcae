import { describe, expect, it } from "vitest";
import { zaloEventKey, type ZaloEvent } from "../../../../bot/zalo/inbound/events.js";
import { createUpdateIds, zaloEventToUpdate } from "../../../../bot/zalo/inbound/update.js";
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
  displayName: "Lê Thị Hoa",
};
const at = (key: string) => ({ updateId: 1, key, anonymous: "bạn" });
const event = (event_name: string, message: Record<string, unknown>) => ({ app_id: "1", event_name, timestamp: "1795430000000", sender: { id: alias.zaloUserId }, message: { msg_id: "m", ...message } });

describe("Zalo events as grammY updates", () => {
  it("a command keeps its bot_command entity, under the user's safe integer alias", () => {
    const u = zaloEventToUpdate(event("user_send_text", { text: "/ticket HUE-2611-0042" }), alias, at("k1"))!;
    expect(Number.isSafeInteger(u.message!.chat.id)).toBe(true);
    expect(u.message!.from!.id).toBe(alias.chatId);
    expect(u.message!.entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
  });

  it("a query payload is a callback on the last message; a typed number picks the remembered reply text", () => {
    const cb = zaloEventToUpdate(event("user_send_text", { text: "#q:report:type:no_poster" }), alias, at("k2"))!;
    expect(cb.callback_query!.data).toBe("report:type:no_poster");
    expect(cb.callback_query!.message!.message_id).toBe(7);
    expect(zaloEventToUpdate(event("user_send_text", { text: "2" }), alias, at("k3"))!.message!.text).toBe("Bỏ qua");
  });

  it("a file is a document with its name, type and size; an image keeps its caption", () => {
    const doc = zaloEventToUpdate(event("user_send_file", { attachments: [{ type: "file", payload: { url: "https://f/x", name: "anh.JPG", size: "2048" } }] }), alias, at("k4"))!;
    expect(doc.message!.document).toMatchObject({ file_id: "https://f/x", file_name: "anh.JPG", mime_type: "image/jpeg", file_size: 2048 });
    const photo = zaloEventToUpdate(event("user_send_image", { text: "cổng quán", attachments: [{ type: "image", payload: { url: "https://f/y" } }] }), alias, at("k5"))!;
    expect(photo.message!.photo![0]!.file_id).toBe("https://f/y");
    expect(photo.message!.caption).toBe("cổng quán");
  });

  it("the resident appears under their Zalo name, or as the anonymous word when Zalo gave none", () => {
    expect(zaloEventToUpdate(event("follow", {}), alias, at("k8"))!.message!.from!.first_name).toBe("Lê Thị Hoa");
    expect(zaloEventToUpdate(event("follow", {}), { ...alias, displayName: undefined }, at("k9"))!.message!.from!.first_name).toBe("bạn");
  });

  it("200,000 distinct events get 200,000 distinct inbox keys and update ids: nothing hashed into 32 bits can collide", () => {
    const ids = createUpdateIds();
    const keys = new Set<string>();
    const updateIds = new Set<number>();
    for (let i = 0; i < 200_000; i++) {
      const e = event("user_send_text", { msg_id: `z${i.toString(36)}`, text: "xin chào" }) as ZaloEvent;
      const key = zaloEventKey(e);
      keys.add(key);
      updateIds.add(zaloEventToUpdate(e, alias, { ...at(key), updateId: ids() })!.update_id);
    }
    expect(keys.size).toBe(200_000);
    expect(updateIds.size).toBe(200_000);
  });

  it("a location with bad coordinates and events the bot does not handle give no update", () => {
    expect(zaloEventToUpdate(event("user_send_location", { attachments: [{ type: "location", payload: { coordinates: { latitude: "abc", longitude: "1" } } }] }), alias, at("k6"))).toBeUndefined();
    expect(zaloEventToUpdate(event("user_seen_message", {}), alias, at("k7"))).toBeUndefined();
  });
});
