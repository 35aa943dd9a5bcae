import { Api } from "grammy";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTransformers } from "../../bot/api-plumbing.js";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

const TOO_MANY = { code: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 };

describe("Bot API calls inside the report conversation", () => {
  it("are retried after Telegram's 429: each prompt reaches the resident exactly once and the report completes", async () => {
    const u = new TelegramTestUser(h.api, 8201);
    const since = h.api.calls.length;
    const waitsSince = h.retryWaits.length;
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
    await u.expectReply(/Thêm ghi chú/);
    const waitsBefore = h.retryWaits.length;
    await u.press("r:skip");
    await u.expectReply(/Kiểm tra lại/);
    // The replay carries the recorded 429s: it neither sends those calls again nor waits out their retry_after.
    expect(h.retryWaits.length).toBe(waitsBefore);
    await u.press("r:ok");
    await u.expectReply(/Số báo cáo của bạn/);

    const sent = h.api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 8201);
    const delivered = (pattern: RegExp) => sent.filter((c) => c.error === undefined && pattern.test(String(c.params.text)));
    expect(sent.filter((c) => c.error === 429)).toHaveLength(2);
    // One wait for each 429 Telegram answered, none for a replay.
    expect(h.retryWaits.length - waitsSince).toBe(2);
    for (const prompt of [/vi phạm nào/, /Gửi ảnh chụp mã QR/, /Đọc được mã/, /Gửi vị trí/, /Thêm ghi chú/, /Kiểm tra lại/, /Số báo cáo của bạn/]) {
      expect(delivered(prompt), String(prompt)).toHaveLength(1);
    }
  });
});

describe("a Bot API call Telegram fails to take the first time", () => {
  const BAD_GATEWAY = { code: 502, description: "Bad Gateway" };
  const UNAVAILABLE = { code: 503, description: "Service Unavailable" };
  it.each([
    { name: "502", failure: BAD_GATEWAY, times: 1 },
    { name: "503", failure: UNAVAILABLE, times: 1 },
    { name: "502", failure: BAD_GATEWAY, times: 2 },
    { name: "503", failure: UNAVAILABLE, times: 2 },
  ])("arrives exactly once after $name, $times× in a row, each retry after a backoff", async ({ failure, times }) => {
    const chat = 8210 + h.api.calls.length;
    const u = new TelegramTestUser(h.api, chat);
    const since = h.api.calls.length;
    const waited = h.retryWaits.length;
    for (let i = 1; i <= times; i++) h.api.failCall("sendMessage", failure, i);
    await u.say("/help");
    await u.expectReply(/\/report/);
    const sent = h.api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chat);
    expect(sent.map((c) => c.error)).toEqual([...Array<number>(times).fill(failure.code), undefined]);
    expect(h.retryWaits.length - waited).toBe(times);
  });

  it("is not retried when the answer is permanent (400)", async () => {
    const u = new TelegramTestUser(h.api, 8299);
    const since = h.api.calls.length;
    const waited = h.retryWaits.length;
    h.api.failCall("sendMessage", { code: 400, description: "Bad Request: message is too long" });
    await u.say("/help");
    await u.expectReply(/Xin lỗi/);
    const sent = h.api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 8299);
    expect(sent.map((c) => c.error)).toEqual([400, undefined]);
    expect(h.retryWaits.length).toBe(waited);
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
