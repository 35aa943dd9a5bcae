import { beforeAll, describe, expect, it } from "vitest";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

describe("an update whose handler fails, by polling", () => {
  it("tells the resident in their language, logs the update id, and handles the update when it is delivered again", async () => {
    const u = new TelegramTestUser(h.api, 8101);
    h.api.failCall("sendMessage", { code: 400, description: "Bad Request: injected failure" });
    const id = await u.say("/help");
    await u.expectReply(/đã có lỗi ở phía chúng tôi/);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: "update failed", updateId: id, channel: "telegram", err: expect.objectContaining({ message: expect.stringContaining("injected failure") }) }));

    // A poller restarted before it confirmed the update gets it again from Telegram. Delivered
    // once the new poller asks: a poll the old one sent just before stopping would confirm it.
    const restartedAt = h.api.calls.length;
    await h.start();
    await h.api.waitForCall((c) => c.method === "getUpdates" && Number(c.params.offset) === 0, restartedAt);
    await h.api.redeliver(id);
    await u.expectReply(/\/mytickets — các báo cáo của bạn/);
  });

  it("answers a failed button press too, so the button stops spinning", async () => {
    const u = new TelegramTestUser(h.api, 8102, "en");
    h.api.failCall("answerCallbackQuery", { code: 400, description: "Bad Request: injected failure" });
    const since = h.api.calls.length;
    await u.pressData("mt:0");
    await u.expectReply(/something went wrong/i);
    const answers = h.api.calls.slice(since).filter((c) => c.method === "answerCallbackQuery");
    expect(answers.map((c) => c.error)).toEqual([400, undefined]);
  });
});
