import sharp from "sharp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";
import { REPORTS_PREFIX, reportsPlugin } from "../../public-reports/plugin.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { launchBrowser, screenshot } from "../support/browser.js";
import { useTestDatabase } from "../support/database.js";
import { postMultipart, type Answer } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

const db = useTestDatabase();
let s: Open311Server;
let browser: Browser;
/** Every time the pages asked the database for their tickets. */
let loads = 0;
const NOTE = "Chủ quán số 0905111222, nhà tôi ở kiệt 7";
const numbers: Record<string, string> = {};

async function file(service_code: string, lat: string, long: string): Promise<string> {
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#7d6a55" } }).jpeg().withExif({ IFD0: { Make: "Samsung" } }).toBuffer();
  const filed: Answer<{ service_request_id: string }[]> = await postMultipart(`${s.base}/requests.json`, { api_key: key, service_code, lat, long, description: NOTE, ...(service_code === "wrong_info" ? { "attribute[if_official]": "file" } : service_code === "unscannable" ? { "attribute[if_readable]": "file" } : {}) }, photo);
  expect([filed.status, filed.text]).toEqual([200, expect.any(String)]);
  return filed.body[0]!.service_request_id;
}
let key = "";

beforeAll(async () => {
  s = await startOpen311Server(db(), {
    alongside: async (server, world) => {
      const tickets = { ...world.stores.tickets, publicBetween: (...a: Parameters<typeof world.stores.tickets.publicBetween>) => (loads++, world.stores.tickets.publicBetween(...a)) };
      await server.register(reportsPlugin({ stores: { ...world.stores, tickets }, directory: world.directory, clock: world.clock, logger: createLogger("silent"), defaultLocale: "vi", links: { telegram: "https://t.me/qr_checkin_report_bot" } }), { prefix: REPORTS_PREFIX });
    },
  });
  const made = await s.key("Trung tâm IOC Huế", "46");
  key = made.key;
  // Three residents' reports through the real pipeline, in three wards; an officer works on one and publishes its photo; one is withdrawn.
  numbers.vyDa = await file("no_poster", "16.48234", "107.60467");
  numbers.anCuu = await file("wrong_info", "16.4552", "107.6002");
  numbers.gone = await file("unscannable", "16.4701", "107.5802");
  const officer = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-19777")).id, "officer", { wardCode: "19777" }))!;
  const vyDa = (await s.stores.tickets.byNumber(numbers.vyDa))!;
  s.now.value = new Date(s.now.value.getTime() + 3 * 3600e3);
  expect(await transitionTicket(s.transitions, officer.id, vyDa.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
  expect(await transitionTicket(s.transitions, officer.id, vyDa.id, { kind: "publish_photo", evidenceId: vyDa.reports[0]!.evidenceIds[0]!, publish: true })).toMatchObject({ ok: true });
  const reporter = await s.stores.accounts.ensure("open311", made.client.id);
  expect(await transitionTicket(s.transitions, reporter.id, (await s.stores.tickets.byNumber(numbers.gone))!.id, { kind: "withdraw" })).toMatchObject({ ok: true });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${s.origin}${path}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe("/reports over HTTP", () => {
  it("lists the public reports only, with no resident's words or exact point, behind the console's security headers", async () => {
    const list = await page("/reports");
    expect(list.status).toBe(200);
    expect(list.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(list.headers.get("x-frame-options")).toBe("DENY");
    expect(list.text).toContain(numbers.vyDa);
    expect(list.text).toContain(numbers.anCuu);
    expect(list.text).not.toContain(numbers.gone);
    const points = await page("/reports/points.json");
    for (const text of [list.text, points.text]) for (const secret of ["0905111222", "kiệt 7", "16.48234", "107.60467", "Samsung"]) expect(text).not.toContain(secret);
    expect(JSON.parse(points.text).reports).toContainEqual([numbers.vyDa, 16.482, 107.605, "acknowledged", `/reports/${numbers.vyDa}`]);
    expect(list.text).toContain('href="https://t.me/qr_checkin_report_bot"');
  });

  it("a report's page: its public history and published photo; a withdrawn or unknown one is 404; hostile queries are no error", async () => {
    const one = await page(`/reports/${numbers.vyDa}`);
    expect(one.status).toBe(200);
    expect(one.text).toMatch(/đã tiếp nhận/);
    expect(one.text).toContain("vị trí gần đúng");
    const photo = /src="(\/reports\/photos\/[A-Za-z0-9_-]{36}\.jpg)"/.exec(one.text)![1]!;
    const bytes = await fetch(`${s.origin}${photo}`);
    expect(bytes.status).toBe(200);
    expect((await sharp(Buffer.from(await bytes.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await page(`/reports/${numbers.anCuu}`)).text).not.toContain("/reports/photos/");
    expect((await page(`/reports/${numbers.gone}`)).status).toBe(404);
    expect((await page("/reports/NO-SUCH-1")).status).toBe(404);
    for (const q of ["?ward[$ne]=x&page=-1", "?period=9999&state=withdrawn&type=%3Cscript%3E", "?lang=xx&page=99999999999"]) expect((await page(`/reports${q}`)).status).toBe(200);
    expect((await page("/reports/photos/..%2F..%2Fetc%2Fpasswd.jpg")).status).toBe(404);
  });

  it("English from Accept-Language or the switch; the filters narrow the list; the ward figures come from the statistics", async () => {
    expect((await page("/reports", { "accept-language": "en-GB,en;q=0.9" })).text).toContain("Reports of QR check-in poster violations");
    expect((await page("/reports?lang=en")).text).toContain('href="/reports?lang=vi"');
    const filtered = await page("/reports?state=acknowledged");
    expect(filtered.text).toContain(numbers.vyDa);
    expect(filtered.text).not.toContain(`${numbers.anCuu}<`);
    expect(filtered.text).toContain("1 báo cáo");
    expect((await page("/reports")).text).toMatch(/<th scope="row">Phường Vỹ Dạ<\/th><td>1<\/td><td>0<\/td><td>3 giờ<\/td>/);
  });

  it("100 requests cost the database one query while the snapshot is fresh", async () => {
    const before = loads;
    for (let i = 0; i < 100; i++) expect((await page(i % 2 ? "/reports" : `/reports/${numbers.vyDa}`)).status).toBe(200);
    expect(loads - before).toBeLessThanOrEqual(1);
    s.now.value = new Date(s.now.value.getTime() + 31_000);
    await page("/reports");
    expect(loads - before).toBeLessThanOrEqual(2);
  });
});

describe("/reports in Chromium", () => {
  it("at 390 px: the map draws the reports, a filter narrows the list, a report's page opens; nothing is asked of another host", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN", deviceScaleFactor: 2 });
    const p = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    p.on("request", (r) => requests.push(r.url()));
    p.on("pageerror", (e) => errors.push(e.message));
    await p.goto(`${s.origin}/reports`);
    await p.waitForSelector("#map[data-ready]");
    expect(await p.getAttribute("#map", "data-ready")).toBe("2");
    expect(await p.locator(".leaflet-interactive").count()).toBeGreaterThanOrEqual(2);
    expect(await p.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await screenshot(p, "reports-390");

    await p.selectOption("select[name=state]", "acknowledged");
    await p.click(".filters button");
    await p.waitForSelector("#count");
    expect(await p.textContent("#count")).toBe("1 báo cáo");
    await p.click(`.reports a:has-text("${numbers.vyDa}")`);
    await p.waitForSelector("h1");
    expect(await p.textContent("h1")).toBe(`Báo cáo ${numbers.vyDa}`);
    expect(await p.locator(".history li").count()).toBe(2);
    await p.waitForFunction("document.querySelector('.photos img')?.complete === true");
    await screenshot(p, "report-390");
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(s.origin))).toEqual([]);
    await context.close();
  });

  it("at 1366 px, and without JavaScript the list and a report's page still work", async () => {
    const wide = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
    await wide.goto(`${s.origin}/reports`);
    await wide.waitForSelector("#map[data-ready]");
    await screenshot(wide, "reports-1366");
    await wide.close();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: "vi-VN" });
    const p = await context.newPage();
    await p.goto(`${s.origin}/reports?type=wrong_info`);
    expect(await p.textContent("#count")).toBe("1 báo cáo");
    await p.click(`.reports a:has-text("${numbers.anCuu}")`);
    expect(await p.textContent("h1")).toBe(`Báo cáo ${numbers.anCuu}`);
    await context.close();
  });
});
