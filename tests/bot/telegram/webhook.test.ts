import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../../server/app.js";
import { registerTelegramWebhook, telegramWebhookPath } from "../../../bot/telegram/webhook.js";
import { CLAIM_LEASE_MS } from "../../../bot/update-claim.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { photograph, renderTestPoster } from "../../support/posters.js";
import { TelegramTestUser } from "../../support/telegram-user.js";

const db = useTestDatabase();
const SECRET = "webhook-secret-for-tests-0123";
let h: BotHarness;
let server: FastifyInstance;
let base: string;
/** Every webhook answer's status, in order. */
const statuses: number[] = [];

beforeAll(async () => {
  // Webhook mode: an update another instance holds is refused so that Telegram brings it again.
  h = await startBotHarness(db(), { BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.vn/", WEBHOOK_SECRET: SECRET });
  server = createServer();
  server.addHook("onResponse", async (_request, reply) => void statuses.push(reply.statusCode));
  registerTelegramWebhook(server, h.assembled.bot, SECRET);
  base = await server.listen({ host: "127.0.0.1", port: 0 });
  await h.assembled.bot.api.setWebhook(base + telegramWebhookPath(SECRET), { secret_token: SECRET });
});
afterAll(async () => {
  await server?.close();
  await h?.stop();
});

describe("the Telegram webhook", () => {
  it("answers /healthz and refuses updates without the secret token", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const forged = await fetch(base + telegramWebhookPath(SECRET), {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong-secret-wrong-secret" },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "/start" } }),
    });
    expect(forged.status).toBe(401);
    expect((await fetch(`${base}/telegram/${SECRET}`, { method: "POST" })).status).toBe(404);
  });

  it("a handler that fails answers Telegram, tells the resident, and the redelivered update is handled", async () => {
    const u = new TelegramTestUser(h.api, 7002);
    h.api.failCall("sendMessage", { code: 400, description: "Bad Request: injected failure" });
    // push resolves once the webhook answered 2xx (it throws on anything else).
    const id = await u.say("/help");
    await u.expectReply(/đã có lỗi ở phía chúng tôi/);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: "update failed", updateId: id, channel: "telegram" }));
    await h.api.redeliver(id);
    await u.expectReply(/\/mytickets — các báo cáo của bạn/);
  });

  it("a report whose confirmation is delivered twice creates one ticket", async () => {
    const u = new TelegramTestUser(h.api, 7001);
    await u.say("/start");
    await u.expectReply(/Xin chào/);
    await u.say("/report");
    await u.expectReply(/vi phạm nào/);
    await u.press("r:t:wrong_info");
    await u.expectReply(/Gửi ảnh/);
    const poster = await renderTestPoster({ payload: h.demo.payloads["HUE-0001"]!, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi" });
    await u.sendPhoto(await photograph(poster));
    await u.expectReply(/Đọc được mã/);
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.4865, 107.5785);
    await u.expectReply(/ghi chú/);
    await u.press("r:skip");
    // The registry says HUE-0001's poster at a place ~200 m away is elsewhere: no "looks correct" question.
    await u.expectReply(/Kiểm tra lại/);
    const confirm = await u.press("r:ok");
    await u.expectReply(/Số báo cáo của bạn/);
    const callsBefore = h.api.calls.length;
    await h.api.redeliver(confirm);
    // Not even a "button expired" answer: the second delivery is not processed at all.
    expect(h.api.calls.slice(callsBefore)).toEqual([]);
    const account = await h.stores.accounts.ensure("telegram", "7001");
    expect((await h.stores.tickets.ofReporter(account.id, { skip: 0, limit: 10 })).total).toBe(1);
    expect(u.pending().filter((r) => /Số báo cáo/.test(r.text))).toHaveLength(0);
  });

  it("refuses an update another live instance is handling, and handles Telegram's redelivery once that instance stopped renewing its claim", async () => {
    const u = new TelegramTestUser(h.api, 7003);
    // Another instance took update 90001 and died: its claim stays "working" until its lease runs out.
    expect(await h.stores.processedUpdates.claim("telegram", 90001, "dead-instance", h.now.value, CLAIM_LEASE_MS)).toBe("mine");
    const from = statuses.length;
    const delivered = u.sayWithUpdateId("/help", 90001);
    while (!statuses.slice(from).includes(503)) await new Promise((r) => setTimeout(r, 50));
    expect(u.pending()).toEqual([]);
    // The dead instance's lease runs out; the emulator, like Telegram, tries again and this instance handles it, once.
    h.now.value = new Date(h.now.value.getTime() + CLAIM_LEASE_MS + 1);
    await delivered;
    await u.expectReply(/\/mytickets — các báo cáo của bạn/);
    await h.api.redeliver(90001);
    expect(statuses.slice(from)).toEqual([503, 200, 200]);
    expect(u.pending()).toEqual([]);
  });
});
