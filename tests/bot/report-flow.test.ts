import { beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "../../services/registry/payload.js";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

async function posterPhoto(payload: string, venueName = "Quán cà phê Sông Hương"): Promise<Buffer> {
  return photograph(await renderTestPoster({ payload, venueName, address: "12 Lê Lợi, Phú Xuân, Huế" }));
}

describe("reporting on Telegram over polling", () => {
  it("a forged code at a café in Phú Xuân opens a ticket in Phú Xuân with verdict forged", async () => {
    const u = new TelegramTestUser(h.api, 5001);
    await u.say("/report");
    await u.expectReply(/vi phạm nào/);
    await u.press("r:t:wrong_info");
    await u.expectReply(/Gửi ảnh chụp mã QR/);
    await u.sendPhoto(await posterPhoto(signPayload("HUE-0001", "not-the-real-signing-key")));
    await u.expectReply(/Đã nhận ảnh 1\. Đọc được mã/);
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.485, 107.57);
    await u.expectReply(/ghi chú/);
    await u.say("Mã dán ở cửa không phải của quán");
    const summary = await u.expectReply(/Kiểm tra lại báo cáo/);
    expect(summary.text).toMatch(/mã giả mạo/);
    expect(summary.text).toMatch(/Phường Phú Xuân/);
    await u.press("r:ok");
    const done = await u.expectReply(/Số báo cáo của bạn: HUE-2611-\d{4}/);
    const number = /HUE-2611-\d{4}/.exec(done.text)![0];
    const ticket = await h.stores.tickets.byNumber(number);
    expect(ticket).toMatchObject({ wardCode: "19753", verdict: "forged", violationType: "wrong_info", state: "new" });
    expect(ticket!.reports[0]!.note).toBe("Mã dán ở cửa không phải của quán");
    const evidence = await h.stores.evidence.byId(ticket!.reports[0]!.evidenceIds[0]!);
    expect(evidence?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await h.stores.outbox.byKeyPrefix(`ward:${ticket!.id}:`)).toHaveLength(1);
    expect(h.api.calls.some((c) => c.method === "sendChatAction" && c.params.chat_id === 5001)).toBe(true);
  });
});
