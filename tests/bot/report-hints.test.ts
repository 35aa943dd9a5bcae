import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { reportPlainly } from "../support/report-dialogue.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

/** An entrance photo whose EXIF says it was taken in Hà Nội. */
const hanoiPhoto = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: "#7a6a5a" } })
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 1/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 51/1 0/1" } })
    .jpeg()
    .toBuffer();

describe("hints from the evidence", () => {
  it("wrong information, but the code is official for this place: the resident is asked and may stop; nothing is saved", async () => {
    const u = new TelegramTestUser(h.api, 9001);
    await u.say("/report");
    await u.expectReply(/vi phạm nào/);
    await u.press("r:t:wrong_info");
    await u.expectReply(/Gửi ảnh/);
    await u.sendPhoto(await photograph(await renderTestPoster({ payload: h.demo.payloads["HUE-0003"]!, venueName: "Chợ Đông Ba", address: "2 Trần Hưng Đạo" })));
    await u.expectReply(/Đọc được mã/);
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.4761, 107.5851);
    await u.expectReply(/có vẻ đúng là mã chính thức/);
    await u.press("r:no");
    await u.expectReply(/đã được huỷ/);
    const account = await h.stores.accounts.ensure("telegram", "9001");
    expect((await h.stores.tickets.ofReporter(account.id, { skip: 0, limit: 5 })).total).toBe(0);
  });

  it("a photo taken far from the shared place is accepted and flagged; a second report 20 m away merges into it", async () => {
    const first = await reportPlainly(new TelegramTestUser(h.api, 9002), { type: "no_poster", photo: await hanoiPhoto(), lat: 16.4601, lng: 107.5801 });
    const number = /HUE-\d{4}-\d{4}/.exec(first)![0];
    const ticket = await h.stores.tickets.byNumber(number);
    expect(ticket).toMatchObject({ wardCode: "19789", verdict: "no_code" });
    expect(ticket!.reports[0]!.flags).toEqual(["exif_gps_far"]);
    const second = await reportPlainly(new TelegramTestUser(h.api, 9003), {
      type: "no_poster", photo: await sharp({ create: { width: 640, height: 480, channels: 3, background: "#556655" } }).jpeg().toBuffer(), lat: 16.4602, lng: 107.5803,
    });
    expect(second).toContain(`được gộp vào báo cáo ${number} của Phường`);
    const merged = await h.stores.tickets.byNumber(number);
    expect(merged!.reports.map((r) => r.flags)).toEqual([["exif_gps_far"], []]);
  });
});

describe("idle reports", () => {
  it("a report untouched for 30 minutes after /report closes with a message on the next press", async () => {
    const u = new TelegramTestUser(h.api, 9006);
    await u.say("/report");
    await u.expectReply(/vi phạm nào/);
    h.now.value = new Date(h.now.value.getTime() + 31 * 60_000);
    await u.press("r:t:no_poster");
    await u.expectReply(/tự đóng/);
    await u.say("/cancel");
    await u.expectReply(/Không có thao tác nào/);
  });
});

describe("language and groups", () => {
  it("/language switches to English for every later answer", async () => {
    const u = new TelegramTestUser(h.api, 9004);
    await u.say("/language");
    await u.expectReply(/Chọn ngôn ngữ/);
    await u.press("lang:en");
    await u.expectReply(/Switched to English/);
    await u.say("/help");
    await u.expectReply(/report a violation/);
    await u.say("xin chao");
    await u.expectReply(/I didn't understand/);
  });

  it("in a group, chatter is ignored and a command addressed to the bot points to a private chat", async () => {
    const g = new TelegramTestUser(h.api, 9005, "vi", -100123);
    await g.say("có ai biết quán này không?");
    await g.say(`/report@${h.api.botInfo.username}`);
    const reply = await g.expectReply(/nhắn riêng/);
    expect(reply.text).toMatch(/nhắn riêng/);
    expect(g.pending()).toEqual([]);
    expect(h.api.calls.filter((c) => c.params.chat_id === -100123 && c.method === "sendMessage")).toHaveLength(1);
  });
});
