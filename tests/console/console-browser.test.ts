import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { telegramSender } from "../../bot/telegram/telegram-sender.js";
import { createWardOutboxWorker } from "../../bot/telegram/ward-outbox.js";
import { CONSOLE_PREFIX, consolePlugin } from "../../console/plugin.js";
import { officerFeatures } from "../../handlers/officer/index.js";
import { createLogger } from "../../platform/logger.js";
import { createServer } from "../../server/app.js";
import { createInvitation, type InviteScope } from "../../services/access/invitations.js";
import { createOutboxWorker } from "../../services/notify/outbox-worker.js";
import { createWardDirectory } from "../../services/routing/ward-directory.js";
import { freePort } from "../../simulator/free-port.js";
import { ARTIFACTS, describeInBrowser, launchBrowser, openPage, screenshot } from "../support/browser.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { linkToken } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { reportPlainly } from "../support/report-dialogue.js";
import { TelegramTestUser } from "../support/telegram-user.js";

/**
 * The console in Chromium over the real bot: a resident reports through the dialogue, the
 * ward's officer asks the bot for /web, opens the link it sent and acts in the browser; the
 * ward group's card and the resident's chat change through the fake Bot API. Each step is
 * one `it` sharing `state`, so a step (e.g. "sees it on the map") slots in between.
 */
const db = useTestDatabase();
const logger = createLogger("silent");
const GROUP = -100777;
const PHU_XUAN = "19753";
let h: BotHarness;
let server: ReturnType<typeof createServer>;
let browser: Browser;
let origin = "";

const state = { number: "", ticketId: "", link: "", page: undefined as unknown as Page, errors: [] as string[] };
let resident: TelegramTestUser;
let officer: TelegramTestUser;
let group: TelegramTestUser;

const workers = () => {
  const deps = { api: h.assembled.bot.api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger };
  return {
    cards: createWardOutboxWorker({ ...deps, defaultLocale: "vi" }),
    residents: createOutboxWorker({ outbox: h.stores.outbox, accounts: h.stores.accounts, senders: { telegram: telegramSender(deps.api, deps.i18n) }, clock: deps.clock, logger }),
  };
};

async function invite(user: TelegramTestUser, scope: InviteScope): Promise<void> {
  const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, scope, "test");
  await user.say(`/start inv_${token}`);
  await user.expectReply(/Chào mừng/);
}

/** A phone photo of Vỹ Dạ hotel's official poster, with the phone's EXIF (time, device, GPS a few metres off). */
async function posterPhotoWithExif(payload: string): Promise<Buffer> {
  const photo = await photograph(await renderTestPoster({ payload, venueName: "Khách sạn Vỹ Dạ Xưa", address: "3 Nguyễn Sinh Cung, Vỹ Dạ" }));
  return sharp(photo).jpeg({ quality: 88 }).withExif({
    IFD0: { Make: "Samsung", Model: "Galaxy A54" },
    IFD2: { DateTimeOriginal: "2026:11:23 09:41:00", OffsetTimeOriginal: "+07:00" },
    IFD3: { GPSLatitudeRef: "N", GPSLatitude: "16/1 29/1 658/100", GPSLongitudeRef: "E", GPSLongitude: "107/1 34/1 1280/100" },
  }).toBuffer();
}

beforeAll(async () => {
  const port = await freePort("127.0.0.1");
  origin = `http://127.0.0.1:${port}`;
  h = await startBotHarness(db(), { PUBLIC_URL: origin }, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
  const directory = createWardDirectory(h.stores.wards);
  await directory.refresh();
  server = createServer();
  await server.register(consolePlugin({ stores: h.stores, directory, clock: () => h.now.value, logger, defaultLocale: "vi", publicUrl: origin }), { prefix: CONSOLE_PREFIX });
  await server.listen({ host: "127.0.0.1", port });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await h?.stop();
});

describeInBrowser("the web console in a browser", () => {
  it("a resident files a report through the dialogue; the card reaches the ward group", async () => {
    resident = new TelegramTestUser(h.api, 7301);
    officer = new TelegramTestUser(h.api, 8301, "vi", 8301, "Lê Văn Hùng");
    group = new TelegramTestUser(h.api, 8301, "vi", GROUP, "Lê Văn Hùng");
    await invite(officer, { role: "officer", wardCode: PHU_XUAN });
    await group.say("/bindgroup");
    await group.expectReply(/đã được liên kết với Phường Phú Xuân/);
    const done = await reportPlainly(resident, { type: "wrong_info", photo: await posterPhotoWithExif(h.demo.payloads["HUE-0002"]!), lat: 16.485, lng: 107.57, photoReply: /Đã nhận ảnh 1\. Đọc được mã/ });
    state.number = /[A-Z]{3}-\d{4}-\d{4}/.exec(done)![0];
    await workers().cards.drain();
    const card = await group.expectReply(new RegExp(`📋 ${state.number} · mới`));
    state.ticketId = /^tk:([0-9a-f]{24}):ack$/.exec(card.buttons[0]!.data!)![1]!;
  });

  it("the officer sends /web and gets a one-time link to this server", async () => {
    await officer.say("/web");
    const reply = await officer.expectReply(/Liên kết đăng nhập bảng điều khiển/);
    state.link = /(http:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]+)/.exec(reply.text)![1]!;
    expect(state.link.startsWith(`${origin}/console/sign-in/`)).toBe(true);
    const sent = h.api.calls.findLast((c) => c.method === "sendMessage" && String(c.params.text).includes(state.link))!;
    expect(sent.params.link_preview_options).toMatchObject({ is_disabled: true });
  });

  it("opens the link, signs in with one press and sees the new ticket in the queue", async () => {
    ({ page: state.page, errors: state.errors } = await openPage(browser, state.link));
    await state.page.getByRole("button", { name: "Đăng nhập" }).click();
    await state.page.waitForURL(`${origin}/console/queue`);
    const row = state.page.locator("#queue tbody tr").filter({ hasText: state.number });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/Phường Phú Xuân[\s\S]*Mã QR sai thông tin[\s\S]*mới/);
    // The header names the officer by the name their account carries, with their role and ward in words.
    expect(await state.page.locator(".who-name").innerText()).toBe("Lê Văn Hùng");
    expect(await state.page.locator(".who-role").innerText()).toBe("Cán bộ phường/xã · Phường Phú Xuân");
    await screenshot(state.page, "console-queue");
  });

  it("sees the new ticket as a marker on the map and in the list beside it; the marker opens the ticket", async () => {
    const { page } = state;
    await page.getByRole("link", { name: "Bản đồ" }).click();
    await page.waitForURL(`${origin}/console/map`);
    const marker = page.locator(`.ticket-pin [data-number="${state.number}"]`);
    await marker.waitFor({ state: "visible" });
    await expect.poll(() => page.locator("#map-list").innerText()).toContain(state.number);
    // The ward's boundary is drawn (no tiles here: the map stands on boundaries alone).
    expect(await page.locator("#map path.leaflet-interactive").count()).toBeGreaterThan(0);
    await marker.click();
    await page.waitForURL(`${origin}/console/tickets/${state.number}`);
    await page.goto(`${origin}/console/queue`);
  });


  it("opens the ticket: the photo, its hash, EXIF, the registry's venue record; screenshot for the README", async () => {
    const { page } = state;
    await page.locator("#queue").getByRole("link", { name: state.number }).click();
    await page.waitForURL(`${origin}/console/tickets/${state.number}`);
    const ticket = (await h.stores.tickets.byId(state.ticketId))!;
    const evidence = (await h.stores.evidence.byId(ticket.reports[0]!.evidenceIds[0]!))!;
    await expect.poll(() => page.locator("main").innerText()).toContain(evidence.sha256);
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Samsung Galaxy A54/);
    expect(text).toMatch(/cách vị trí báo cáo \d+ m/);
    expect(text).toMatch(/Khách sạn Vỹ Dạ Xưa/);
    expect(text).toMatch(/mã chính thức của cơ sở khác \/ nơi khác/);
    await expect.poll(() => page.locator(".photo img").first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    // The whole page, kept in test-artifacts/; docs/console-ticket.png in the README is a copy of it.
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}console-ticket.png`, fullPage: true });
  });

  it("acknowledges in the console: the ward group's card is edited and the reporter is told", async () => {
    const { page } = state;
    await page.getByRole("button", { name: "✅ Tiếp nhận" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain(`Đã cập nhật ${state.number}: đã tiếp nhận`);
    const w = workers();
    await w.cards.drain();
    const edited = await group.expectReply(new RegExp(`📋 ${state.number} · đã tiếp nhận`));
    expect(edited.method).toBe("editMessageText");
    await w.residents.drain();
    await resident.expectReply(new RegExp(`Báo cáo ${state.number} của bạn: đã tiếp nhận`));
  });

  it("on a phone (390×844): the menu folds, the queue is cards, the ticket and the map fit; no sideways scroll and no code where words belong", async () => {
    const { page } = state;
    await page.setViewportSize({ width: 390, height: 844 });
    const fits = () => page.evaluate<number>("document.documentElement.scrollWidth");
    try {
      await page.goto(`${origin}/console/queue`);
      expect(await fits()).toBeLessThanOrEqual(390);
      // The menu is one button; pressing it shows every page this officer may open, and only those.
      const menu = page.getByText("☰ Menu");
      await expect.poll(() => menu.isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Thống kê" }).isVisible()).toBe(false);
      await menu.click();
      expect(await page.locator("#nav a").allInnerTexts()).toEqual(["Bản đồ", "Hàng đợi", "Thống kê"]);
      expect(await page.getByRole("button", { name: "Đăng xuất" }).isVisible()).toBe(true);
      await menu.click();
      // The filters fold under one button, so the first ticket is on the first screen; the button unfolds them.
      const filters = page.locator("form.filters");
      const fold = page.locator("label.filters-button");
      expect(await filters.isVisible()).toBe(false);
      expect(await fold.innerText()).toContain("Bộ lọc");
      // A ticket is a card: its number, state and place read without the table's header.
      const card = page.locator("#queue tbody tr").filter({ hasText: state.number });
      const box = (await card.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(390);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      await fold.click();
      expect(await filters.isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: "Lọc", exact: true }).isVisible()).toBe(true);
      expect(await fits()).toBeLessThanOrEqual(390);
      await screenshot(page, "console-phone-filters");
      await fold.click();
      expect(await card.locator('td[data-label="Trạng thái"]').innerText()).toBe("đã tiếp nhận");
      await screenshot(page, "console-phone-queue");

      await page.goto(`${origin}/console/tickets/${state.number}`);
      expect(await fits()).toBeLessThanOrEqual(390);
      const text = await page.locator("main").innerText();
      // History and facts in words: no stored code (state, event, verdict, role) reaches the page.
      const codes = [...text.matchAll(/.{0,30}\b(acknowledge|opened|report_attached|official_elsewhere|no_poster|wrong_info|officer|resident|telegram)\b/g)].map((m) => m[0]);
      expect(codes).toEqual([]);
      expect(text).toMatch(/Cán bộ phường\/xã · tiếp nhận · mới → đã tiếp nhận/);
      // The code's text is a detail behind a fold; the place is a link in words.
      expect(await page.locator("details summary", { hasText: "Xem nội dung mã" }).count()).toBe(2);
      expect(await page.locator("details summary", { hasText: "Xem nội dung mã" }).first().isVisible()).toBe(true);
      expect(await page.locator(".hash", { hasText: "VNQR1:" }).first().isVisible()).toBe(false);
      expect(await page.getByRole("link", { name: "Xem trên bản đồ" }).isVisible()).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}console-phone-ticket.png`, fullPage: true });

      await page.getByRole("link", { name: "Xem trên bản đồ" }).click();
      await page.waitForURL(/\/console\/map\?lat=/);
      await page.locator(`.ticket-pin [data-number="${state.number}"]`).waitFor({ state: "visible" });
      expect(await fits()).toBeLessThanOrEqual(390);
      await screenshot(page, "console-phone-map");
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it("on a desktop the filters stay open and there is no fold button", async () => {
    const { page } = state;
    await page.goto(`${origin}/console/queue`);
    expect(await page.locator("form.filters").isVisible()).toBe(true);
    expect(await page.locator("label.filters-button").isVisible()).toBe(false);
  });

  it("the map opens on the officer's own ward, not the whole province", async () => {
    const { page } = state;
    await page.goto(`${origin}/console/map`);
    await page.locator("#map path.leaflet-interactive").first().waitFor();
    // Phú Xuân's outline fills the view: its own path is wider than half the map.
    const own = page.locator('#map path.leaflet-interactive[fill="#dbe9f6"]');
    expect(await own.count()).toBe(1);
    expect((await own.boundingBox())!.width).toBeGreaterThan((await page.locator("#map").boundingBox())!.width / 2);
  });

  it("another ward's officer gets 403 for the ticket; the used link is refused; sign-out ends the session", async () => {
    const other = (await h.stores.accounts.grantRole((await h.stores.accounts.ensure("telegram", "8399")).id, "officer", { wardCode: "19777" }))!;
    const { page: otherPage } = await openPage(browser, `${origin}/console/sign-in/${await linkToken(h.stores, () => h.now.value, other)}`);
    await otherPage.getByRole("button", { name: "Đăng nhập" }).click();
    await otherPage.waitForURL(`${origin}/console/queue`);
    const refused = await otherPage.goto(`${origin}/console/tickets/${state.number}`);
    expect(refused!.status()).toBe(403);
    await otherPage.close();

    const { page: again } = await openPage(browser, state.link);
    await again.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => again.locator("main").innerText()).toContain("đã được sử dụng");
    await again.close();

    const { page } = state;
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(`${origin}/console/signed-out`);
    const after = await page.goto(`${origin}/console/queue`);
    expect(after!.status()).toBe(401);
    // Only the refusals this step asked for.
    expect(state.errors.filter((e) => !/^40[13] /.test(e))).toEqual([]);
  });
});
