import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser, screenshot } from "../support/browser.js";
import { useTestDatabase } from "../support/database.js";
import { usePublicWorld } from "../support/public-world.js";

const db = useTestDatabase();
const world = usePublicWorld(db);
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describeInBrowser("/reports in Chromium", () => {
  it("at 390 px: the map draws the reports, a filter narrows the list, a report's page opens; nothing is asked of another host", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN", deviceScaleFactor: 2 });
    const p = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    p.on("request", (r) => requests.push(r.url()));
    p.on("pageerror", (e) => errors.push(e.message));
    await p.goto(`${world().s.origin}/reports`);
    await p.waitForSelector("#map[data-ready]");
    expect(await p.getAttribute("#map", "data-ready")).toBe("2");
    expect(await p.locator(".leaflet-interactive").count()).toBeGreaterThanOrEqual(2);
    expect(await p.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await screenshot(p, "reports-390");

    await p.selectOption("select[name=state]", "acknowledged");
    await p.click(".filters button");
    await p.waitForSelector("#count");
    expect(await p.textContent("#count")).toBe("1 báo cáo");
    await p.click(`.reports a:has-text("${world().numbers.vyDa}")`);
    await p.waitForSelector("h1");
    expect(await p.textContent("h1")).toBe(`Báo cáo ${world().numbers.vyDa}`);
    expect(await p.locator(".history li").count()).toBe(2);
    // Polled from the test, not by a string in the page: the page's CSP forbids evaluating strings there.
    await expect.poll(() => p.locator(".photos img").evaluate((img) => (img as unknown as { complete: boolean }).complete)).toBe(true);
    await screenshot(p, "report-390");
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(world().s.origin))).toEqual([]);
    await context.close();
  });

  it("at 1366 px, and without JavaScript the list and a report's page still work", async () => {
    const wide = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
    await wide.goto(`${world().s.origin}/reports`);
    await wide.waitForSelector("#map[data-ready]");
    await screenshot(wide, "reports-1366");
    await wide.close();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: "vi-VN" });
    const p = await context.newPage();
    await p.goto(`${world().s.origin}/reports?type=wrong_info`);
    expect(await p.textContent("#count")).toBe("1 báo cáo");
    await p.click(`.reports a:has-text("${world().numbers.anCuu}")`);
    expect(await p.textContent("h1")).toBe(`Báo cáo ${world().numbers.anCuu}`);
    await context.close();
  });
});
