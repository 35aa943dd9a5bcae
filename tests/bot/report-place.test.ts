import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNames, renderCard } from "../../bot/telegram/ticket-card.js";
import { importWards } from "../../services/routing/ward-import.js";
import { renderOfficialPoster } from "../../services/registry/poster/render-poster.js";
import { posterTexts } from "../../services/registry/poster/poster-texts.js";
import { reportLinks } from "../../services/registry/report-link.js";
import { TEST_SIGNING_KEY, startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { noisePhoto } from "../support/photo-noise.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;

/** Another province with a ward whose name differs from Huế's Thuận Hoá by one tone mark. */
const TUYEN_QUANG = [
  {
    Code: "08", Name: "Tuyên Quang", FullName: "Tỉnh Tuyên Quang",
    Wards: [{ Code: "02269", Name: "Thuận Hoà", FullName: "Xã Thuận Hoà", ProvinceCode: "08", AdministrativeUnitShortName: "Xã" }],
  },
];

beforeAll(async () => {
  h = await startBotHarness(db());
  await importWards(h.stores.wards, { fileName: "tq.json", text: JSON.stringify(TUYEN_QUANG) }, [], "test");
  await h.assembled.deps.directory.refresh();
  await h.start();
});
afterAll(() => h?.stop());

const poster = async (payload: string) => photograph(await renderTestPoster({ payload, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi" }));

async function toLocationStep(u: TelegramTestUser, type: "no_poster" | "wrong_info", photo: Buffer, photoReply: RegExp): Promise<void> {
  await u.say("/report");
  await u.expectReply(/vi phạm nào/);
  await u.press(`r:t:${type}`);
  await u.expectReply(/Gửi ảnh/);
  await u.sendPhoto(photo);
  await u.expectReply(photoReply);
  await u.press("r:done");
  const ask = await u.expectReply(/Gửi vị trí/);
  expect(ask.text).toMatch(/gõ tên hay địa chỉ của cơ sở/);
}

async function confirm(u: TelegramTestUser): Promise<{ summary: string; number: string }> {
  await u.expectReply(/ghi chú/);
  await u.press("r:skip");
  const summary = (await u.expectReply(/Kiểm tra lại/)).text;
  await u.press("r:ok");
  const done = await u.expectReply(/Đã gửi/);
  return { summary, number: /[A-Z]{3}-\d{4}-\d{4}/.exec(done.text)![0] };
}

describe("finding the place without GPS", () => {
  it("a venue typed by name without diacritics and abbreviated (\"ks vy da\") gives its registered place and ward", async () => {
    const u = new TelegramTestUser(h.api, 7401);
    await toLocationStep(u, "no_poster", await noisePhoto(1280, 960), /Đã nhận ảnh 1/);
    await u.say("ks vy da");
    const pick = await u.expectReply(/Cơ sở nào trong danh bạ/);
    expect(pick.buttons.map((b) => b.text)).toContain("Khách sạn Vỹ Dạ Xưa — 3 Nguyễn Sinh Cung, Vỹ Dạ");
    await u.press("r:v:HUE-0002");
    const { summary, number } = await confirm(u);
    expect(summary).toMatch(/Phường Vỹ Dạ, Thành phố Huế/);
    const ticket = await h.stores.tickets.byNumber(number);
    expect(ticket).toMatchObject({ wardCode: "19777", address: "3 Nguyễn Sinh Cung, Vỹ Dạ", location: { lat: 16.482, lng: 107.605 } });
  });

  it("a typed address that is no venue, with a code of a registered venue: the resident confirms it hangs there and the venue's ward gets it", async () => {
    const u = new TelegramTestUser(h.api, 7402);
    await toLocationStep(u, "wrong_info", await poster(h.demo.payloads["HUE-0001"]!), /Đọc được mã/);
    await u.say("cạnh bến xe");
    await u.expectReply(/Mã QR trong ảnh là mã của «Quán cà phê Sông Hương» \(12 Lê Lợi, Phú Xuân\)/);
    await u.press("r:cv-yes");
    await u.expectReply(/có vẻ đúng là mã chính thức/);
    await u.press("r:yes");
    const { number } = await confirm(u);
    expect(await h.stores.tickets.byNumber(number)).toMatchObject({ wardCode: "19753", venueCode: "HUE-0001" });
  });

  it("a ward search ranks the served province first and names the province in every choice", async () => {
    const u = new TelegramTestUser(h.api, 7403);
    await toLocationStep(u, "wrong_info", await poster("https://example.com/menu"), /Đọc được mã/);
    await u.say("ngõ 7 đường chưa có tên");
    await u.expectReply(/phường\/xã nào/);
    await u.say("thuan hoa");
    const pick = await u.expectReply(/Chọn phường\/xã/);
    expect(pick.buttons.map((b) => b.text)).toEqual(["Phường Thuận Hoá, Thành phố Huế", "Xã Thuận Hoà, Tỉnh Tuyên Quang"]);
    await u.press("r:w:19789");
    expect((await confirm(u)).summary).toMatch(/Phường Thuận Hoá, Thành phố Huế/);
  });

  it("the resident's recent ward comes before the served province's", async () => {
    const u = new TelegramTestUser(h.api, 7404);
    await toLocationStep(u, "wrong_info", await poster("https://example.com/menu"), /Đọc được mã/);
    await u.say("ngõ 7 đường chưa có tên");
    await u.expectReply(/phường\/xã nào/);
    await u.say("thuan hoa");
    await u.expectReply(/Chọn phường\/xã/);
    await u.press("r:w:02269");
    await confirm(u);
    await toLocationStep(u, "wrong_info", await poster("https://example.com/menu"), /Đọc được mã/);
    await u.say("ngõ 9 đường chưa có tên");
    await u.expectReply(/phường\/xã nào/);
    await u.say("thuan hoa");
    const pick = await u.expectReply(/Chọn phường\/xã/);
    expect(pick.buttons.map((b) => b.text)).toEqual(["Xã Thuận Hoà, Tỉnh Tuyên Quang", "Phường Thuận Hoá, Thành phố Huế"]);
  });
});

describe("the summary names whose code it is", () => {
  it("a café's official code on a wall in Vỹ Dạ: the summary names the café, its address and how far it is", async () => {
    const u = new TelegramTestUser(h.api, 7405);
    await toLocationStep(u, "wrong_info", await poster(h.demo.payloads["HUE-0001"]!), /Đọc được mã/);
    await u.sendLocation(16.482, 107.605);
    const { summary } = await confirm(u);
    expect(summary).toMatch(/mã chính thức của cơ sở khác/);
    expect(summary).toMatch(/Mã này của: Quán cà phê Sông Hương, 12 Lê Lợi, Phú Xuân \(cách nơi báo cáo 3[.,]?\d{3} m\)/);
  });

  it("a suspended karaoke's code: the summary and the officers' card name the karaoke", async () => {
    const u = new TelegramTestUser(h.api, 7406);
    await toLocationStep(u, "wrong_info", await poster(h.demo.payloads["HUE-0004"]!), /Đọc được mã/);
    await u.sendLocation(16.46, 107.58);
    const { summary, number } = await confirm(u);
    expect(summary).toMatch(/đã đình chỉ/);
    expect(summary).toMatch(/Mã này của: Karaoke Ánh Trăng, 45 Hùng Vương, Thuận Hoá \(cách nơi báo cáo 0 m\)/);
    // The officers' card of that ticket, rendered as the ward-card worker renders it, names the karaoke too.
    const ticket = (await h.stores.tickets.byNumber(number))!;
    const card = renderCard(ticket, (k, a) => h.assembled.i18n.t("vi", k, a), h.now.value, await cardNames(h.stores, ticket, h.now.value));
    expect(card.text).toMatch(/Mã này của: Karaoke Ánh Trăng, 45 Hùng Vương, Thuận Hoá \(cách nơi báo cáo 0 m\)/);
  });
});

describe("the official poster's link to the bot", () => {
  it("a photo of a whole official poster is read as the venue's code, never as the small code linking to the bot", async () => {
    const i18n = h.assembled.i18n;
    const texts = posterTexts({ t: (locale, key) => i18n.t(locale, key) });
    const ward = h.assembled.deps.directory.byCode("19815")!;
    const venue = { code: "HUE-0006", name: "Bệnh viện An Cựu", address: "20 Hùng Vương, An Cựu" };
    const { bytes, payload } = await renderOfficialPoster(venue, ward, { format: "png", signingKey: TEST_SIGNING_KEY, texts, links: reportLinks(h.assembled.deps.config) });
    const u = new TelegramTestUser(h.api, 7407);
    await toLocationStep(u, "wrong_info", await photograph(bytes), /Đọc được mã: đây là mã check-in chính thức của Bệnh viện An Cựu/);
    await u.sendLocation(16.455, 107.6);
    await u.expectReply(/có vẻ đúng là mã chính thức/);
    expect(payload).toMatch(/^VNQR1:HUE-0006/);
  });
});
