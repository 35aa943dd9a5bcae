import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM_TEXT_LIMIT } from "../../../bot/message-limits.js";
import { refreshCards } from "../../../bot/telegram/ward-cards.js";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { createLogger } from "../../../platform/logger.js";
import { importWards } from "../../../services/routing/ward-import.js";
import { openTicket } from "../../../services/tickets/open-ticket.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { wardOfficers } from "../../support/ward-officers.js";

const db = useTestDatabase();
let h: BotHarness;
const DATA = new URL("../../../../shared/data/vn-admin-units/", import.meta.url);

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) =>
    a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })),
  );
  // Every ward of Huế, as the administrator imports them.
  const file = async (fileName: string) => ({ fileName, text: await readFile(new URL(fileName, DATA), "utf8") });
  await importWards(h.stores.wards, await file("units-2026-07-25.json"), [await file("wards-46_hue.geojson")]);
  await h.start();
});
afterAll(() => h?.stop());

const sentTo = (chatId: number, since: number) =>
  h.api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));

describe("every message fits Telegram", () => {
  it("a supervisor's /stats over Huế's 40 wards comes a page at a time, each within the limit, every ward on exactly one page", async () => {
    const wards = await h.stores.wards.inProvince("46");
    expect(wards).toHaveLength(40);
    const sup = await wardOfficers(h).invite(9501, { role: "supervisor", provinceCode: "46" });
    const since = h.api.calls.length;
    await sup.say("/stats");
    const first = await sup.expectReply(/Thống kê 7 ngày qua/);
    expect(first.text).toMatch(/Cả 40 phường, xã: mở \d+/);
    expect(first.text).toMatch(/Trang sau: \/stats 2/);
    for (const page of [2, 3, 4]) {
      await sup.say(`/stats ${page}`);
      await sup.expectReply(new RegExp(`trang ${page}/4`));
    }
    const texts = sentTo(9501, since).filter((t) => /Thống kê 7 ngày qua/.test(t));
    expect(texts).toHaveLength(4);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(texts[3]).toMatch(/Hết danh sách/);
    const all = texts.join("\n");
    for (const w of wards) expect(all.split("\n").filter((l) => l.startsWith(`${w.kind} ${w.name},`)), w.name).toHaveLength(1);
  }, 90_000); // pages through 40 wards' statistics on the embedded server: 6 s alone, 30 s+ on a loaded CI machine

  it("a card whose ticket did not change is not edited again; a change edits each copy once", async () => {
    const officer = await wardOfficers(h).invite(9502, { role: "officer", wardCode: "19815" });
    const at = h.now.value;
    const ticket = await openTicket(h.stores, {
      violationType: "wrong_info",
      wardCode: "19815",
      provinceCode: "46",
      verdict: "no_code",
      report: { accountId: "r", channel: "telegram", violationType: "wrong_info", at, evidenceIds: [], flags: [] },
      event: { at, actorRole: "system", action: "opened", to: "new" },
    }, "HUE-2612-0031");
    await wardOfficers(h).workers().cards.drain();
    await officer.expectReply(/HUE-2612-0031/);
    const copy = (await h.stores.ticketCards.of(ticket.id)).find((c) => c.chatId === "9502")!;
    const edits = () => h.api.calls.filter((c) => c.method === "editMessageText" && Number(c.params.message_id) === copy.messageId).length;
    const deps = { api: h.assembled.bot.api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger: createLogger("silent"), defaultLocale: "vi" as const };
    await refreshCards(deps, ticket);
    await refreshCards(deps, ticket);
    expect(edits()).toBe(0);
    // The officer's press edits the pressed card; the refresh that follows finds it shown already.
    await officer.press(/Tiếp nhận/);
    await expect.poll(edits).toBe(1);
    await wardOfficers(h).workers().cards.drain();
    await refreshCards(deps, (await h.stores.tickets.byId(ticket.id))!);
    expect(edits()).toBe(1);
    // A refresh that loaded the ticket before the press arrives late: it does not overwrite the newer card.
    await refreshCards(deps, ticket);
    expect(edits()).toBe(1);
  });
});
