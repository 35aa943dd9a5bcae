import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { reportPlainly } from "../support/report-dialogue.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

describe("the account behind each update", () => {
  it("is read from the database once per update, also on the steps a conversation replays", async () => {
    const u = new TelegramTestUser(h.api, 8401);
    const ensure = vi.spyOn(h.stores.accounts, "ensure");
    const photo = await sharp({ create: { width: 900, height: 700, channels: 3, background: "#9a8f7a" } }).jpeg().toBuffer();
    await reportPlainly(u, { type: "no_poster", photo, lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ });
    await u.say("/mytickets");
    await u.expectReply(/HUE-/);

    // /report, type, photo, done, location, skip, confirm, /mytickets: eight updates.
    expect(ensure.mock.calls.map((c) => c.slice(0, 2))).toEqual(Array.from({ length: 8 }, () => ["telegram", "8401"]));
    ensure.mockRestore();
  });

  it("speaks the account's language, chosen with /language, from the next update on", async () => {
    const u = new TelegramTestUser(h.api, 8402);
    await u.say("/language");
    await u.expectReply(/ngôn ngữ|language/i);
    await u.press("lang:en");
    await u.expectReply(/Switched to English/);
    await u.say("/help");
    await u.expectReply(/\/report — report a violation/);
  });
});
