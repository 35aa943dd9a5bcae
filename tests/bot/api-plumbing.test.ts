import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTransformers } from "../../bot/api-plumbing.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness(db());
  await h.start();
});
afterAll(() => h?.stop());

const TOO_MANY = { code: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 };

describe("Bot API calls inside the report conversation", () => {
  it("are retried after Telegram's 429: each prompt reaches the resident exactly once and the report completes", async () => {
    const u = new TelegramTestUser(h.api, 8201);
    const since = h.api.calls.length;
    await u.say("/report");
    await u.expectReply(/vi phạm nào/);
    h.api.failCall("sendMessage", TOO_MANY);
    await u.press("r:t:wrong_info");
    await u.expectReply(/Gửi ảnh chụp mã QR/);
    const poster = await renderTestPoster({ payload: h.demo.payloads["HUE-0001"]!, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi" });
    await u.sendPhoto(await photograph(poster));
    await u.expectReply(/Đọc được mã/);
    // A 429 on a later step as well, while the steps before it replay from the conversation's record.
    h.api.failCall("sendMessage", TOO_MANY, 2);
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.4865, 107.5785);
    await u.expectReply(/ghi chú/);
    const pressedAt = Date.now();
    await u.press("r:skip");
    await u.expectReply(/Kiểm tra lại/);
    // The replay carries both recorded 429s; waiting out their retry_after again would take 2 s.
    expect(Date.now() - pressedAt).toBeLessThan(2000);
    await u.press("r:ok");
    await u.expectReply(/Số báo cáo của bạn/);

    const sent = h.api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 8201);
    const delivered = (pattern: RegExp) => sent.filter((c) => c.error === undefined && pattern.test(String(c.params.text)));
    expect(sent.filter((c) => c.error === 429)).toHaveLength(2);
    for (const prompt of [/vi phạm nào/, /Gửi ảnh chụp mã QR/, /Đọc được mã/, /Gửi vị trí/, /ghi chú/, /Kiểm tra lại/, /Số báo cáo của bạn/]) {
      expect(delivered(prompt), String(prompt)).toHaveLength(1);
    }
  });
});

describe("Telegram's pace", () => {
  it("keeps a chat's messages a second apart but sends a chat action at once", async () => {
    const api = new Api("1:pace");
    const order: string[] = [];
    const at: Record<string, number> = {};
    const started = Date.now();
    // Installed first, so innermost: it stands for Telegram, beneath the pacing.
    api.config.use(async (_prev, method) => {
      order.push(method);
      at[method] = Date.now() - started;
      return { ok: true, result: true } as never;
    }, ...apiTransformers({ throttle: true }));
    const message = api.sendMessage(501, "Gửi ảnh");
    const edit = api.editMessageText(501, 1, "Đã nhận ảnh");
    // Asked for after the edit, it reaches Telegram before it: no place in the chat's queue.
    await api.sendChatAction(501, "upload_photo");
    await Promise.all([message, edit]);
    expect(order.toSorted()).toEqual(["editMessageText", "sendChatAction", "sendMessage"]);
    expect(order.at(-1)).toBe("editMessageText");
    expect(at.editMessageText! - at.sendMessage!).toBeGreaterThanOrEqual(900);
  });
});
