import { MAP_DEFAULT_DAYS } from "../../console/map-page.js";
import { addDays, vietnamDay } from "../../services/text/vietnam-day.js";
import { ticketsOfProvince } from "../support/tickets-of-province.js";
import { copyFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStores, type Stores } from "../../models/index.js";
import { importWards } from "../../services/routing/ward-import.js";
import { hueUnits, hueWardsGeoJson, PROVINCE } from "../../simulator/demo/demo-world.js";
import { freePort } from "../../simulator/free-port.js";
import { ARTIFACTS, describeInBrowser, launchBrowser, openPage, screenshot } from "../support/browser.js";
import { seedConsoleTickets } from "../support/console-tickets.js";
import { consoleServer, linkToken } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";

/**
 * The map as a supervisor of Huế sees it with a few hundred tickets: Huế's 40 real ward
 * boundaries and no tiles (none are reachable here), markers clustered where dense. The
 * tickets are the benchmark's fixture (the product's shapes, written directly); the screenshot
 * is the README's docs/console-map.png.
 */
const db = useTestDatabase();
const NOW = new Date("2026-11-23T03:00:00Z");
let stores: Stores;
let server: Awaited<ReturnType<typeof consoleServer>>;
let browser: Browser;
let origin = "";

beforeAll(async () => {
  stores = createStores(db());
  await stores.syncIndexes();
  const geojson = hueWardsGeoJson();
  await importWards(stores.wards, { fileName: "hue-units.json", text: hueUnits(geojson) }, [{ fileName: "hue-wards.geojson", text: geojson }], "test");
  await seedConsoleTickets(db(), await stores.wards.withBoundariesInProvince(PROVINCE), 400, NOW);
  const port = await freePort("127.0.0.1");
  origin = `http://127.0.0.1:${port}`;
  server = await consoleServer(stores, () => NOW);
  await server.listen({ host: "127.0.0.1", port });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describeInBrowser("the map in a browser, without tiles", () => {
  it("shows Huế's wards with their names, the tickets clustered, the list of what is in view; screenshot for the README", async () => {
    const supervisor = (await stores.accounts.grantRole((await stores.accounts.ensure("telegram", "9101", { displayName: "Võ Thị Hạnh" })).id, "supervisor", { provinceCode: PROVINCE }))!;
    const { page, errors } = await openPage(browser, `${origin}/console/sign-in/${await linkToken(stores, () => NOW, supervisor)}`);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/console\//);
    await page.goto(`${origin}/console/map`);
    await page.locator(".ticket-cluster").first().waitFor({ state: "visible" });
    expect(await page.locator("#map path.leaflet-interactive").count()).toBe(40);
    // The map opens on the last 90 days (of the 120 the tickets span): the form says from when.
    const from = addDays(vietnamDay(NOW), -(MAP_DEFAULT_DAYS - 1));
    expect(await page.locator('input[name="from"]').inputValue()).toBe(from);
    const inPeriod = (await ticketsOfProvince(stores, PROVINCE, 1000)).filter((t) => vietnamDay(new Date(t.openedAt)) >= from).length;
    expect(inPeriod).toBeLessThan(400);
    await expect.poll(() => page.locator("#map-count").innerText()).toMatch(new RegExp(`báo cáo trong vùng đang xem \\(tổng ${inPeriod}\\)`));
    expect(await page.locator("#map-list li").count()).toBeGreaterThan(10);
    const shot = await screenshot(page, "console-map");
    await copyFile(shot, new URL("../../docs/console-map.png", import.meta.url));
    expect(errors).toEqual([]);

    // The statistics of the same tickets: every chart drawn, titled for screen readers.
    await page.getByRole("link", { name: "Thống kê" }).click();
    await page.waitForURL(/\/console\/statistics/);
    await page.goto(`${origin}/console/statistics?from=2026-07-01&to=2026-11-23`);
    expect(await page.locator("svg.chart[role=img]").count()).toBe(9);
    expect(await page.locator("svg.chart title").first().textContent()).toBe("Số báo cáo theo phường/xã");
    await expect.poll(() => page.locator("#stats-summary").innerText()).toContain("Mở 400");
    await page.screenshot({ path: `${ARTIFACTS}console-statistics.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
