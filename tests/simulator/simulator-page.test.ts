import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { describeInBrowser, screenshot } from "../support/browser.js";
import { expectMessage, say, useSimulatorPage } from "../support/simulator-app.js";

/**
 * `npm start` without a token, driven through its page in Chromium: every message below was
 * sent by the real bot through the built-in emulators, every click became a real update.
 */
const sim = useSimulatorPage("sim");
let page: Page;
let errors: string[] = [];
let dataDir = "";
beforeAll(() => void ({ page, errors, dataDir } = sim()));

const phone = (chat: string): Locator => page.locator(`.phone[data-chat="${chat}"]`);
const press = (p: Locator, label: string | RegExp) => p.locator(".msg .inline button").filter({ hasText: label }).last().click();
/** The gallery through each app's own attach control: Telegram's 📎, Zalo's ➕ «Ảnh». */
async function sendGalleryPhoto(p: Locator, key: string) {
  if (await p.locator(".plus").count()) {
    await p.locator(".plus").click();
    await p.getByRole("menuitem", { name: "Ảnh", exact: true }).click();
  } else await p.locator(".attach").click();
  await page.locator(`#gallery [data-photo="${key}"]`).click();
}
/**
 * Picks a place on the map, either a named venue's marker or a point `dx`,`dy` pixels from the
 * map's centre (zoom 13: about 18 m a pixel), sends it and returns what the page said was picked.
 */
async function pickOnMap(at: { venue: string } | { dx: number; dy: number }): Promise<string> {
  const map = page.locator("#map");
  await map.waitFor();
  await page.locator("#map .leaflet-interactive").first().waitFor();
  if ("venue" in at) await page.getByRole("button", { name: at.venue, exact: true }).click();
  else {
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + at.dx, box.y + box.height / 2 + at.dy);
  }
  await expect.poll(() => page.locator("#send-location").isEnabled()).toBe(true);
  const picked = await page.locator("#ward-under").innerText();
  await screenshot(page, "simulator-map");
  await page.locator("#send-location").click();
  return picked;
}
const persona = (id: string) => page.locator(`.persona[data-persona="${id}"]`).click();

describeInBrowser("the simulator page", () => {
  let ticket = "";

  it("a Telegram resident reports another venue's poster by buttons, gallery and map, and gets a ticket number", async () => {
    await persona("resident-telegram");
    const chat = phone("tg:7100001");
    await say(chat, "/report");
    await expectMessage(chat, /vi phạm nào/);
    await press(chat, "Mã QR sai thông tin");
    await expectMessage(chat, /Gửi ảnh/);
    await sendGalleryPhoto(chat, "other-venue");
    await expectMessage(chat, /Đọc được mã: đây là mã check-in chính thức của Khách sạn Hương Giang/, 40_000);
    await press(chat, /Xong/);
    await expectMessage(chat, /Gửi vị trí nơi dán mã QR/);
    await chat.locator(".keyboard button").filter({ hasText: "Gửi vị trí hiện tại" }).click();
    // A café inside the Citadel, Phú Xuân, across the river from the hotel.
    expect(await pickOnMap({ venue: "Cà phê Thành Nội" })).toBe("Cà phê Thành Nội · Phường Phú Xuân, Thành phố Huế");
    await expectMessage(chat, /ghi chú/);
    await press(chat, "Bỏ qua");
    const summary = await expectMessage(chat, /Kiểm tra lại báo cáo/);
    expect(summary).toContain("VNQR1:HUE-0201");
    expect(summary).toContain("mã chính thức của cơ sở khác / nơi khác");
    expect(summary).toContain("Phường Phú Xuân");
    await press(chat, "Gửi báo cáo");
    ticket = /HUE-\d{4}-\d{4}/.exec(await expectMessage(chat, /Số báo cáo của bạn: HUE-\d{4}-\d{4}/))![0];
    // A bubble tells the time as the bot's messages do: Vietnam's, 24-hour, whatever the browser's zone.
    const vietnam = (ms: number) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
    const shown = await chat.locator(".msg .time").last().innerText();
    expect([vietnam(Date.now()), vietnam(Date.now() - 60_000)]).toContain(shown);
    await screenshot(page, "simulator-telegram-report");
  }, 90_000);

  it("the ward's officer finds the card in the ward group and acknowledges it; the resident is told", async () => {
    await persona("officer-phu-xuan");
    const group = phone("tg:-1001975300");
    await expectMessage(group, new RegExp(`${ticket} · mới`), 30_000);
    await press(group, "Tiếp nhận");
    await expectMessage(group, new RegExp(`${ticket} · đã tiếp nhận`));
    await screenshot(page, "simulator-officer-group");
    await persona("resident-telegram");
    await expectMessage(phone("tg:7100001"), new RegExp(`Báo cáo ${ticket} của bạn: đã tiếp nhận`), 30_000);
  }, 90_000);

  it("a Zalo resident reports a shop front with no poster and gets a ticket number", async () => {
    await persona("resident-zalo");
    const chat = phone("zalo:5512340000000000077");
    await say(chat, "/report");
    await expectMessage(chat, /vi phạm nào/);
    await press(chat, "Không dán mã QR");
    await expectMessage(chat, /ảnh/);
    await sendGalleryPhoto(chat, "no-poster");
    await expectMessage(chat, /Không tìm thấy mã QR/, 40_000);
    await press(chat, /Xong/);
    await expectMessage(chat, /Để gửi vị trí trên Zalo/);
    // Zalo's ➕ «Vị trí», the way the hint above says; then a point on the map, south of the river.
    await chat.locator(".plus").click();
    await chat.getByRole("menuitem", { name: "Vị trí", exact: true }).click();
    expect(await pickOnMap({ dx: 10, dy: 40 })).toBe("Phường Thuận Hoá, Thành phố Huế");
    await expectMessage(chat, /ghi chú/);
    await press(chat, "Bỏ qua");
    await expectMessage(chat, /Kiểm tra lại báo cáo/);
    await press(chat, "Gửi báo cáo");
    await expectMessage(chat, /Số báo cáo của bạn: HUE-\d{4}-\d{4}/);
    await screenshot(page, "simulator-zalo-report");
  }, 90_000);

  it("a file that is not an image and a 30 MB photo get the bot's polite refusal, and the page goes on", async () => {
    await persona("resident-telegram");
    const chat = phone("tg:7100001");
    await say(chat, "/report");
    await expectMessage(chat, /vi phạm nào/);
    await press(chat, "Không dán mã QR");
    await expectMessage(chat, /ảnh/);
    await chat.locator(".attach").click();
    await page.locator("#disk-file").setInputFiles({ name: "ghi-chu.txt", mimeType: "text/plain", buffer: Buffer.from("không phải ảnh") });
    await expectMessage(chat, /Tệp này không phải ảnh/);
    await chat.locator(".attach").click();
    const big = join(dataDir, "anh-lon.jpg");
    await writeFile(big, Buffer.alloc(30 * 1024 * 1024, 0xff));
    await page.locator("#disk-file").setInputFiles(big);
    await expectMessage(chat, /Tệp quá lớn/, 30_000);
    await sendGalleryPhoto(chat, "official");
    await expectMessage(chat, /Đọc được mã: đây là mã check-in chính thức của Chợ Đông Ba/, 40_000);
    await screenshot(page, "simulator-bad-files");
    expect(errors).toEqual([]);
  }, 90_000);
  it("the /web sign-in link is a link in the bubble; «English» makes the personas answer in English", async () => {
    await persona("officer-phu-xuan");
    const own = phone("tg:7200001");
    await say(own, "/web");
    await expectMessage(own, /console\/sign-in\//, 30_000);
    const link = own.locator(".msg .text a").last();
    expect(await link.getAttribute("href")).toMatch(/^https?:\/\/[^/]+\/console\/sign-in\/\S+$/);
    expect(await link.getAttribute("target")).toBe("_blank");

    await page.locator("a.lang").click();
    await page.waitForURL(/\?lang=en/);
    await persona("resident-telegram");
    const chat = phone("tg:7100001");
    await say(chat, "/help");
    await expectMessage(chat, /\/report — report a violation/, 30_000);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await screenshot(page, "simulator-phone-english");
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 90_000);
});
