import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { DEMO_VENUES } from "../../simulator/demo/demo-world.js";
import { describeInBrowser, screenshot } from "../support/browser.js";
import { expectMessage, say, useSimulatorPage } from "../support/simulator-app.js";

/**
 * The simulator's map without the internet: ward names and the demo venues drawn on it, a venue
 * picked by its marker, and Zalo's ➕ menu naming «Vị trí» as the bot's hint to Zalo residents does.
 */
const sim = useSimulatorPage("simmap");
let page: Page;
let errors: string[] = [];
let base = "";
const requested: string[] = [];
const ZALO = "zalo:5512340000000000077";

beforeAll(async () => {
  ({ page, errors, base } = sim());
  page.on("request", (r) => requested.push(r.url()));
  await page.setViewportSize({ width: 1366, height: 768 });
});

/** The label the bot's hint tells a Zalo resident to choose: «Vị trí» (vi), "Location" (en). */
async function hintLabel(locale: "vi" | "en"): Promise<string> {
  const ftl = await readFile(new URL(`../../locales/${locale}/zalo.ftl`, import.meta.url), "utf8");
  const hint = /^zalo-share-location = (.*)$/m.exec(ftl)![1]!;
  expect(hint).toContain("➕");
  return /[«"“]([^»"”]+)[»"”]/.exec(hint)![1]!;
}

const phone = (chat: string): Locator => page.locator(`.phone[data-chat="${chat}"]`);
const persona = (id: string) => page.locator(`.persona[data-persona="${id}"]`).click();
/** Zalo's ➕, then one item of its menu, found by the words a person reads. */
async function plusMenu(p: Locator, item: string) {
  await p.getByRole("button", { name: /Thêm|More/ }).click();
  await p.getByRole("menuitem", { name: item, exact: true }).click();
}
async function mapDrawn() {
  await page.locator("#map-dialog[open]").waitFor();
  await expect.poll(() => page.locator("#map .venue-pin").count()).toBe(DEMO_VENUES.length);
  await page.locator("#map .ward-label").first().waitFor();
}
/** A test that failed with the map open leaves it for the next one closed. */
async function closeMap() {
  if (await page.locator("#map-dialog[open]").count()) await page.locator("#map-dialog .dialog-head button").click();
}
/** Every label the map shows (ward names, venue names), as boxes on the screen. */
async function shownLabels(): Promise<{ text: string; box: { x: number; y: number; width: number; height: number } }[]> {
  const labels = await page.locator("#map .ward-label:not(.covered), #map .venue-name:not(.covered)").all();
  const shown = [];
  for (const l of labels) {
    const box = await l.boundingBox();
    if (box) shown.push({ text: await l.innerText(), box });
  }
  const map = (await page.locator("#map").boundingBox())!;
  return shown.filter(({ box: b }) => b.x < map.x + map.width && b.x + b.width > map.x && b.y < map.y + map.height && b.y + b.height > map.y);
}
function overlapping(labels: Awaited<ReturnType<typeof shownLabels>>): string[] {
  const clashes: string[] = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
    const [p, q] = [a.box, b.box];
    if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height) clashes.push(`${a.text} / ${b.text}`);
  }));
  return clashes;
}

describeInBrowser("the simulator's map", () => {
  it("Zalo's ➕ menu offers «Ảnh» and the «Vị trí» the bot's hint names; «Vị trí» opens a map of named wards and venues, no tiles", async () => {
    await persona("resident-zalo");
    const chat = phone(ZALO);
    await chat.getByRole("button", { name: "Thêm" }).click();
    expect(await chat.getByRole("menuitem").allInnerTexts()).toEqual([expect.stringContaining("Ảnh"), expect.stringContaining("Vị trí")]);
    await screenshot(page, "simulator-zalo-menu");
    await chat.getByRole("menuitem", { name: await hintLabel("vi"), exact: true }).click();
    await mapDrawn();
    await screenshot(page, "simulator-map-1366");
    for (const v of DEMO_VENUES) await expect.poll(() => page.getByRole("button", { name: v.name, exact: true }).count(), { message: v.name }).toBe(1);
    const labels = await shownLabels();
    const texts = labels.map((l) => l.text);
    // The wards and venues of the README's walk are named; most others too, as room allows.
    expect(texts).toEqual(expect.arrayContaining(["Phú Xuân", "Thuận Hoá", "Cà phê Thành Nội", "Khách sạn Hương Giang"]));
    expect(texts.filter((t) => !DEMO_VENUES.some((v) => t.startsWith(v.name))).length).toBeGreaterThanOrEqual(8);
    expect(texts.filter((t) => DEMO_VENUES.some((v) => t.startsWith(v.name))).length).toBeGreaterThanOrEqual(10);
    // A venue that is not open says so in words beside its name.
    const names = await page.locator("#map .venue-name").allTextContents();
    expect(names.filter((t) => / · /.test(t)).sort()).toEqual(["Karaoke Ánh Trăng · bị đình chỉ", "Spa Sen Hồng · đã ngừng hoạt động"]);
    expect(overlapping(labels)).toEqual([]);
    expect(await page.locator("#map .leaflet-tile").count()).toBe(0);
    expect(requested.filter((u) => !u.startsWith(base) && !u.startsWith("data:"))).toEqual([]);
    await page.keyboard.press("Escape");
  }, 90_000);

  it("a Zalo resident stands at a venue by clicking its marker: the location reaches the chat and the bot asks for the note", async () => {
    await closeMap();
    const chat = phone(ZALO);
    await say(chat, "/report");
    await expectMessage(chat, /vi phạm nào/);
    await chat.locator(".msg .inline button").filter({ hasText: "Không dán mã QR" }).last().click();
    await expectMessage(chat, /ảnh/);
    await plusMenu(chat, "Ảnh");
    await page.locator('#gallery [data-photo="no-poster"]').click();
    await expectMessage(chat, /Không tìm thấy mã QR/, 40_000);
    await chat.locator(".msg .inline button").filter({ hasText: /Xong/ }).last().click();
    await expectMessage(chat, /Để gửi vị trí trên Zalo/);
    await plusMenu(chat, await hintLabel("vi"));
    await mapDrawn();
    await page.getByRole("button", { name: "Cà phê Thành Nội", exact: true }).click();
    await expect.poll(() => page.locator("#ward-under").innerText()).toBe("Cà phê Thành Nội · Phường Phú Xuân, Thành phố Huế");
    await screenshot(page, "simulator-map-picked");
    await page.locator("#send-location").click();
    const venue = DEMO_VENUES.find((v) => v.name === "Cà phê Thành Nội")!;
    await expectMessage(chat, new RegExp(`📍 ${venue.lat.toFixed(5)}, ${venue.lng.toFixed(5)}`));
    await expectMessage(chat, /ghi chú/);
  }, 120_000);

  it("on a 390 px phone the map dialog fits the screen and its labels still do not overlap", async () => {
    await closeMap();
    await page.setViewportSize({ width: 390, height: 844 });
    await plusMenu(phone(ZALO), "Vị trí");
    await mapDrawn();
    await screenshot(page, "simulator-map-390");
    const dialog = (await page.locator("#map-dialog").boundingBox())!;
    expect(dialog.x).toBeGreaterThanOrEqual(0);
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(390);
    expect(dialog.y + dialog.height).toBeLessThanOrEqual(844);
    const labels = await shownLabels();
    expect(labels.length).toBeGreaterThan(5);
    expect(overlapping(labels)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 60_000);

  it("in English the ➕ menu names the \"Location\" the bot's English hint names, and the venues' states are English", async () => {
    await closeMap();
    await page.goto(`${base}/?lang=en`);
    await persona("resident-zalo");
    await plusMenu(phone(ZALO), await hintLabel("en"));
    await mapDrawn();
    expect(await page.locator("#map .venue-name").allTextContents()).toContain("Karaoke Ánh Trăng · suspended");
    await page.keyboard.press("Escape");
    expect(errors).toEqual([]);
  }, 60_000);
});
