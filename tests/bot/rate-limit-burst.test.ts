import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { TelegramTestUser } from "../support/telegram-user.js";
import { startZaloWorld, type ZaloWorld } from "../support/zalo-world.js";

const db = useTestDatabase();
// The production limit: 20 updates per user in 10 s.
const LIMIT = { limit: 20, timeFrameMs: 10_000 };
let h: BotHarness;
let world: ZaloWorld;

beforeAll(async () => {
  h = await startBotHarness(db(), {}, undefined, LIMIT);
  await h.start();
  world = await startZaloWorld(db(), { rateLimit: LIMIT });
});
afterAll(async () => {
  await h?.stop();
  await world?.close();
});

describe("a resident who sends 45 messages in a burst, then taps buttons", () => {
  it("on Telegram gets one slow-down message in their language, and every press is answered", async () => {
    const u = new TelegramTestUser(h.api, 9401);
    const since = h.api.calls.length;
    await Promise.all(Array.from({ length: 45 }, (_, i) => u.say(`tin nhắn ${i}`)));
    await Promise.all(Array.from({ length: 3 }, () => u.pressData("stale:button")));
    const mine = () => h.api.calls.slice(since).filter((c) => Number(c.params.chat_id ?? -1) === 9401 || c.method === "answerCallbackQuery");
    await expect.poll(() => mine().filter((c) => c.method === "answerCallbackQuery").length).toBe(3);
    await expect.poll(() => mine().filter((c) => c.method === "sendMessage").length).toBe(21);
    const texts = mine().filter((c) => c.method === "sendMessage").map((c) => String(c.params.text));
    expect(texts.filter((t) => /quá nhanh/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /chưa hiểu/.test(t))).toHaveLength(20);
    for (const a of mine().filter((c) => c.method === "answerCallbackQuery")) expect(String(a.params.text)).toMatch(/quá nhanh/);
  });

  it("on Zalo gets one slow-down message, and the refused presses are answered without a message each", async () => {
    const userId = "8400000000000003901";
    const u = world.resident(userId);
    const crashed = `${world.base}/zalo-then-crash`;
    // Stored as they arrive, handled as one backlog: the burst reaches the bot as fast as it can take it.
    for (let i = 0; i < 45; i++) await u.text(`tin nhắn ${i}`, crashed);
    for (let i = 0; i < 3; i++) await u.press("stale:button", crashed);
    await world.inbound.worker.drain();
    const texts = u.replies().map((m) => String(m.text));
    expect(texts.filter((t) => /quá nhanh/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /chưa hiểu/.test(t))).toHaveLength(20);
    expect(texts).toHaveLength(21);
  });
});
