import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxWorker } from "../../services/notify/outbox-worker.js";
import { notifyReporters } from "../../services/notify/ticket-changed.js";
import { telegramSender } from "../../bot/telegram/telegram-sender.js";
import { createLogger } from "../../platform/logger.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;
const numbers: Record<string, string> = {};

beforeAll(async () => {
  h = await startBotHarness(db());
  await h.start();
});
afterAll(() => h?.stop());

const poster = async (payload: string, venueName: string) => photograph(await renderTestPoster({ payload, venueName, address: "Huế" }));
const numberIn = (text: string) => /[A-Z]{3}-\d{4}-\d{4}/.exec(text)![0];

async function begin(u: TelegramTestUser, type: string): Promise<void> {
  await u.say("/report");
  await u.expectReply(/vi phạm nào|What would you like/);
  await u.press(`r:t:${type}`);
  await u.expectReply(/Gửi ảnh|Send a photo/);
}

async function finish(u: TelegramTestUser): Promise<string> {
  await u.expectReply(/ghi chú|Add a note/);
  await u.press("r:skip");
  const summary = await u.expectReply(/Kiểm tra lại|Please check/);
  await u.press("r:ok");
  await u.expectReply(/Đã gửi|Sent!/);
  return summary.text;
}

describe("a resident's journey on Telegram", () => {
  const alice = () => new TelegramTestUser(h.api, 6001);

  it("no poster: an entrance photo at An Cựu lands in An Cựu with no code", async () => {
    const u = alice();
    await begin(u, "no_poster");
    await u.sendPhoto(await sharp({ create: { width: 900, height: 700, channels: 3, background: "#9a8f7a" } }).jpeg().toBuffer());
    await u.expectReply(/Không tìm thấy mã QR/);
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.4552, 107.6002);
    const summary = await finish(u);
    expect(summary).toMatch(/Phường An Cựu/);
    const [t] = (await h.stores.tickets.ofReporter((await h.stores.accounts.ensure("telegram", "6001")).id, { skip: 0, limit: 1 })).tickets;
    expect(t).toMatchObject({ wardCode: "19815", verdict: "no_code", violationType: "no_poster" });
    numbers.noPoster = t!.number;
  });

  it("cannot be scanned, but the server reads it: the resident is asked, goes on, and it lands in Vỹ Dạ as official", async () => {
    const u = alice();
    await begin(u, "unscannable");
    await u.sendPhoto(await poster(h.demo.payloads["HUE-0002"]!, "Khách sạn Vỹ Dạ Xưa"));
    await u.expectReply(/Đọc được mã/);
    await u.press("r:done");
    await u.expectReply(/vẫn đọc được mã/);
    await u.press("r:yes");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.482, 107.605);
    expect(await finish(u)).toMatch(/mã chính thức, đúng cơ sở[\s\S]*Phường Vỹ Dạ/);
    const { tickets } = await h.stores.tickets.ofReporter((await h.stores.accounts.ensure("telegram", "6001")).id, { skip: 0, limit: 1 });
    expect(tickets[0]).toMatchObject({ wardCode: "19777", verdict: "official", venueCode: "HUE-0002" });
    numbers.vyDa = tickets[0]!.number;
  });

  it("wrong information with a typed address: the ward is picked from a search without diacritics", async () => {
    const u = alice();
    await begin(u, "wrong_info");
    await u.sendDocument(await poster("https://example.com/thuc-don", "Karaoke Ánh Trăng"), "image/png", "poster.png");
    await u.expectReply(/Đọc được mã: đây là một đường link đến example\.com/);
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.say("45 Hùng Vương");
    await u.expectReply(/Cơ sở nào trong danh bạ/);
    await u.press("r:v-none");
    await u.expectReply(/phường\/xã nào/);
    await u.say("thuan hoa");
    await u.expectReply(/Chọn phường\/xã/);
    await u.press("r:w:19789");
    expect(await finish(u)).toMatch(/không phải mã check-in[\s\S]*Phường Thuận Hoá/);
  });

  it("a second resident reporting the same venue is merged into the first ticket, in English", async () => {
    const bob = new TelegramTestUser(h.api, 6002, "en");
    await begin(bob, "unscannable");
    await bob.sendPhoto(await poster(h.demo.payloads["HUE-0002"]!, "Khách sạn Vỹ Dạ Xưa"));
    await bob.expectReply(/Code read/);
    await bob.press("r:done");
    await bob.expectReply(/can still read/);
    await bob.press("r:yes");
    await bob.sendLocation(16.4821, 107.6051);
    await bob.expectReply(/Add a note/);
    await bob.press("r:skip");
    await bob.expectReply(/Please check/);
    await bob.press("r:ok");
    const merged = await bob.expectReply(/joined report HUE-\d{4}-\d{4} of Phường Vỹ Dạ, Thành phố Huế \(state: new\)/);
    expect(numberIn(merged.text)).toBe(numbers.vyDa);
    expect((await h.stores.tickets.byNumber(numbers.vyDa!))!.reports).toHaveLength(2);
  });

  it("/mytickets lists the resident's tickets newest first; /ticket shows only their own", async () => {
    const u = alice();
    await u.say("/mytickets");
    const list = await u.expectReply(/Các báo cáo của bạn \(3\)/);
    expect(list.text.indexOf(numbers.vyDa!)).toBeLessThan(list.text.indexOf(numbers.noPoster!));
    await u.say(`/ticket ${numbers.vyDa!.toLowerCase()}`);
    expect((await u.expectReply(/Báo cáo HUE-/)).text).toMatch(/Số người báo cáo: 2[\s\S]*mở báo cáo[\s\S]*thêm báo cáo/);
    await new TelegramTestUser(h.api, 6003).say(`/ticket ${numbers.noPoster}`);
    await new TelegramTestUser(h.api, 6003).expectReply(/Không tìm thấy báo cáo/);
  });

  it("a state change notifies every reporter once, each in their language", async () => {
    const t = await h.stores.tickets.byNumber(numbers.vyDa!);
    const moved = await h.stores.tickets.transition(t!.id, "new", "acknowledged", { at: h.now.value, actorRole: "officer", action: "acknowledge", from: "new", to: "acknowledged" });
    expect(await notifyReporters(h.stores.outbox, moved!, h.now.value)).toBe(2);
    await notifyReporters(h.stores.outbox, moved!, h.now.value);
    const worker = createOutboxWorker({
      outbox: h.stores.outbox, accounts: h.stores.accounts, clock: () => h.now.value, logger: createLogger("silent"),
      senders: { telegram: telegramSender(h.assembled.bot.api, h.assembled.i18n) },
    });
    expect(await worker.drain()).toBe(2);
    expect(await worker.drain()).toBe(0);
    const sent = h.api.calls.filter((c) => c.method === "sendMessage" && String(c.params.text).includes(numbers.vyDa!) && /: (đã tiếp nhận|acknowledged)\.$/.test(String(c.params.text)));
    expect(sent.map((c) => [c.params.chat_id, c.params.text])).toEqual(
      expect.arrayContaining([["6001", `Báo cáo ${numbers.vyDa} của bạn: đã tiếp nhận.`], ["6002", `Your report ${numbers.vyDa}: acknowledged.`]]),
    );
    expect(sent).toHaveLength(2);
  });

  it("a restart in the middle of a report resumes it where it was", async () => {
    const u = new TelegramTestUser(h.api, 6004);
    await begin(u, "no_poster");
    await u.sendPhoto(await sharp({ create: { width: 600, height: 400, channels: 3, background: "#445566" } }).jpeg().toBuffer());
    await u.expectReply(/Đã nhận ảnh 1/);
    await h.start();
    await u.press("r:done");
    await u.expectReply(/Gửi vị trí/);
    await u.sendLocation(16.49, 107.56);
    expect(await finish(u)).toMatch(/Phường Phú Xuân/);
  });

  it("bad input gets polite answers and a report left idle for 30 minutes closes with a message", async () => {
    const u = new TelegramTestUser(h.api, 6005);
    await u.sendRaw({ sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } });
    await u.expectReply(/nhãn dán/);
    await u.pressData("mt:9999x");
    await h.api.waitForCall((c) => c.method === "answerCallbackQuery" && /không còn hiệu lực/.test(String(c.params.text)));
    await begin(u, "wrong_info");
    await u.say("/report");
    await u.expectReply(/đang làm dở/);
    await u.sendDocument(Buffer.from("%PDF-1.4 not an image"), "application/pdf", "giay-phep.pdf");
    await u.expectReply(/không phải ảnh/);
    await u.sendDocument(Buffer.from("x"), "image/jpeg", "huge.jpg", 25 * 1024 * 1024);
    await u.expectReply(/quá lớn/);
    h.now.value = new Date(h.now.value.getTime() + 31 * 60_000);
    await u.say("còn đây không?");
    await u.expectReply(/tự đóng/);
    await u.say("/cancel");
    await u.expectReply(/Không có thao tác nào/);
  });
});
