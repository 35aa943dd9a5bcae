import { beforeAll, describe, expect, it } from "vitest";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

async function begin(u: TelegramTestUser): Promise<void> {
  await u.say("/report");
  await u.expectReply(/vi phạm nào|What would you like/);
  await u.press("r:t:wrong_info");
  await u.expectReply(/Gửi ảnh chụp mã QR|Send a photo/);
}

describe("commands during a report answer, and the report goes on where it was", () => {
  it("/mytickets, /ticket, /help and /language answer at the photo step; the next photo is still taken", async () => {
    const u = new TelegramTestUser(h.api, 7301);
    await begin(u);
    await u.say("/mytickets");
    await u.expectReply(/chưa có báo cáo nào/);
    await u.say("/ticket HUE-2611-9999");
    await u.expectReply(/Không tìm thấy báo cáo HUE-2611-9999/);
    await u.say("/help");
    await u.expectReply(/\/report/);
    await u.say("/language");
    await u.expectReply(/Chọn ngôn ngữ/);
    await u.press("lang:en");
    await u.expectReply(/English/);
    const photo = await photograph(await renderTestPoster({ payload: h.demo.payloads["HUE-0001"]!, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi" }));
    await u.sendPhoto(photo);
    await u.expectReply(/Photo 1 received\. Code read/);
    await u.press("r:done");
    await u.expectReply(/Send (the )?(where|location)|location/i);
    expect(u.pending().filter((r) => /middle of a report/.test(r.text))).toHaveLength(0);
  });

  it("/report during a report offers to continue or start over; continue keeps the step, start over asks the type again", async () => {
    const u = new TelegramTestUser(h.api, 7302);
    await begin(u);
    await u.say("/report");
    await u.expectReply(/Tiếp tục báo cáo này, hay bắt đầu lại/);
    await u.press(/Tiếp tục/);
    await u.expectReply(/tiếp tục báo cáo/);
    await u.sendDocument(Buffer.from("không phải ảnh"), "text/plain", "a.txt");
    await u.expectReply(/không phải ảnh/);
    await u.say("/start");
    await u.expectReply(/Tiếp tục báo cáo này, hay bắt đầu lại/);
    await u.press(/Bắt đầu lại/);
    await u.expectReply(/vi phạm nào/);
    await u.press("r:t:no_poster");
    await u.expectReply(/lối vào/);
  });
});
