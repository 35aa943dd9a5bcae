import { beforeAll, describe, expect, it } from "vitest";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

const VIETQR = "00020101021138570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304AB12";
/** Chợ Đông Ba's registered 2021 national check-in link (services/registry/demo-registry.ts). */
const OLD_DONG_BA = "https://tokhaiyte.vn/?page=Checkin&venue=HUE-0003";

/** A resident reports a poster carrying `payload` at a place; returns the photo's answer, the summary and the ticket number. */
async function report(userId: number, payload: string, at: { lat: number; lng: number }) {
  const u = new TelegramTestUser(h.api, userId);
  await u.say("/report");
  await u.expectReply(/vi phạm nào/);
  await u.press("r:t:no_poster");
  await u.expectReply(/Gửi ảnh/);
  await u.sendPhoto(await photograph(await renderTestPoster({ payload, venueName: "Quán", address: "1 Lê Lợi" })));
  const read = (await u.expectReply(/Đã nhận ảnh 1/)).text;
  await u.press("r:done");
  await u.expectReply(/Gửi vị trí/);
  await u.sendLocation(at.lat, at.lng);
  await u.expectReply(/ghi chú/);
  await u.press("r:skip");
  const summary = (await u.expectReply(/Kiểm tra lại/)).text;
  await u.press("r:ok");
  const number = /[A-Z]{3}-\d{4}-\d{4}/.exec((await u.expectReply(/Đã gửi/)).text)![0];
  return { read, summary, number };
}

describe("a decoded code is described in words, its text only a detail", () => {
  it("an official code names its venue; a VietQR is a payment code; a website is a link to its site", async () => {
    const official = await report(7501, h.demo.payloads["HUE-0001"]!, { lat: 16.485, lng: 107.57 });
    expect(official.read).toContain("Đọc được mã: đây là mã check-in chính thức của Quán cà phê Sông Hương.");
    expect(official.read).not.toContain("VNQR1");
    expect(official.summary).toContain("• Mã đọc được: mã check-in chính thức của Quán cà phê Sông Hương");
    // The raw text is there for whoever wants to check it: one detail line after the facts.
    expect(official.summary.split("\n").filter((l) => l.includes("VNQR1"))).toEqual([expect.stringMatching(/^Chi tiết: nội dung mã là «VNQR1:HUE-0001/)]);

    const payment = await report(7502, VIETQR, { lat: 16.485, lng: 107.57 });
    expect(payment.read).toContain("đây là mã thanh toán VietQR, không phải mã check-in");
    expect(payment.read).not.toContain("000201");

    const link = await report(7503, "https://www.example.com/menu?ban=3", { lat: 16.485, lng: 107.57 });
    expect(link.read).toContain("đây là một đường link đến example.com, không phải mã check-in");
    expect(link.read).not.toContain("https://");
  });

  it("a venue's registered 2021 code is that venue's old code, with its own verdict, wherever it is reported", async () => {
    const atDongBa = await report(7504, OLD_DONG_BA, { lat: 16.476, lng: 107.585 });
    expect(atDongBa.read).toContain("đây là mã check-in cũ (năm 2021) của Chợ Đông Ba, nay cần thay bằng mã mới");
    expect(atDongBa.summary).toContain("• Kết quả đối chiếu: mã check-in cũ (2021) của cơ sở, cần thay bằng mã mới");
    expect(atDongBa.summary).not.toMatch(/cơ sở khác|nơi khác/);
    expect((await h.stores.tickets.byNumber(atDongBa.number))!.verdict).toBe("official_old");

    // Reported in another ward: still Chợ Đông Ba's old code, and where that venue is registered.
    const elsewhere = await report(7505, OLD_DONG_BA, { lat: 16.482, lng: 107.605 });
    expect(elsewhere.summary).toContain("mã check-in cũ (2021) của cơ sở");
    expect(elsewhere.summary).toMatch(/Mã này của: Chợ Đông Ba, 2 Trần Hưng Đạo, Phú Xuân \(cách nơi báo cáo [\d.]+ m\)/);
    expect((await h.stores.tickets.byNumber(elsewhere.number))!.verdict).toBe("official_old");
  });
});
