import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness(db(), {}, undefined, { limit: 3, timeFrameMs: 60_000 });
  await h.start();
});
afterAll(() => h?.stop());

describe("a resident who floods the bot", () => {
  it("is told once, in their language, that messages are coming too fast; the extra messages are not handled", async () => {
    const u = new TelegramTestUser(h.api, 9301);
    for (let i = 0; i < 6; i++) await u.say("xin chào");
    await u.expectReply(/quá nhanh/);
    // The three handled messages are answered after their database round trip, possibly after the
    // limiter's immediate answer: wait for them by count, not by a sleep.
    const all = () => h.api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 9301).map((c) => String(c.params.text));
    await expect.poll(() => all().filter((t) => /chưa hiểu/.test(t)).length).toBe(3);
    expect(all().filter((t) => /quá nhanh/.test(t))).toHaveLength(1);
  });

  it("answers every button press, the dropped ones with the reason, so no button keeps spinning", async () => {
    const u = new TelegramTestUser(h.api, 9303);
    const since = h.api.calls.length;
    for (let i = 0; i < 5; i++) await u.pressData("stale:button");
    const answers = () => h.api.calls.slice(since).filter((c) => c.method === "answerCallbackQuery");
    await expect.poll(() => answers().length).toBe(5);
    const texts = answers().map((c) => String(c.params.text));
    expect(texts.filter((t) => /quá nhanh/.test(t))).toHaveLength(2);
    expect(texts.filter((t) => /không còn hiệu lực/.test(t))).toHaveLength(3);
  });

  it("speaks English to a resident whose Telegram is in English", async () => {
    const u = new TelegramTestUser(h.api, 9302, "en");
    for (let i = 0; i < 4; i++) await u.say("hello");
    await u.expectReply(/too fast/);
  });
});
