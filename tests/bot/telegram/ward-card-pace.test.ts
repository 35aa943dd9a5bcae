import sharp from "sharp";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfficerRuntime } from "../../../bot/telegram/officer-runtime.js";
import { createWardOutboxWorker } from "../../../bot/telegram/ward-outbox.js";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { createLogger } from "../../../platform/logger.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { wardOfficers } from "../../support/ward-officers.js";

/**
 * Ward cards under Telegram's pace (about 20 messages a minute to a group, edits included): many
 * merged reports make one edit, and a group that Telegram makes wait does not hold up another
 * ward's group. Counted and ordered, never timed.
 */
const db = useTestDatabase();
let h: BotHarness;
const AN_CUU = { ward: "19815", group: -100_815, officer: 8815 };
const VY_DA = { ward: "19777", group: -100_777, officer: 8777 };
const HERE = { lat: 16.4552, lng: 107.6002 };
const OVER_THERE = { lat: 16.4585, lng: 107.6035 };
const VY_DA_PLACE = { lat: 16.48234, lng: 107.60467 };

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
  const staff = wardOfficers(h);
  for (const w of [AN_CUU, VY_DA]) {
    await staff.invite(w.officer, { role: "officer", wardCode: w.ward });
    const group = new TelegramTestUser(h.api, w.officer, "vi", w.group);
    await group.say("/bindgroup");
    await group.expectReply(/đã được liên kết/);
  }
}, 60_000);
afterAll(() => h?.stop());

const photo = (shade: number) => sharp({ create: { width: 900, height: 700, channels: 3, background: { r: 120 + shade, g: 130, b: 110 } } }).jpeg().toBuffer();
const numberIn = (text: string) => /[A-Z]{3}-\d{4}-\d{4}/.exec(text)![0];
let resident = 7800;
const report = async (place: { lat: number; lng: number }, type: "no_poster" | "unscannable" = "no_poster") =>
  numberIn(await reportPlainly(new TelegramTestUser(h.api, resident++), { type, photo: await photo(resident % 40), ...place, photoReply: /Không tìm thấy mã QR/ }));
const worker = (api: Api = h.assembled.bot.api) => createWardOutboxWorker({ api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger: createLogger("silent"), defaultLocale: "vi" });
/** The Bot API calls since `from` that show a ticket's card (its text) or carry its photo (the caption), as "method chat number". */
const cardCalls = (from: number) =>
  h.api.calls.slice(from).flatMap((c) => {
    const number = /^📋 ([A-Z]{3}-\d{4}-\d{4}) /.exec(String(c.params.text ?? ""))?.[1] ?? (c.method === "sendPhoto" ? String(c.params.caption ?? "") : undefined);
    return number ? [`${c.method} ${String(c.params.chat_id)} ${number}`] : [];
  });

/** The same fake Bot API behind a client that holds every call to one chat until released, as Telegram's pace or a 429 would. */
function holding(chatId: number) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held = 0;
  let holds!: () => void;
  const firstHeld = new Promise<void>((r) => (holds = r));
  const slow = new Api(h.assembled.bot.token, { apiRoot: h.api.apiRoot });
  slow.config.use(async (prev, method, payload, signal) => {
    if (String((payload as { chat_id?: unknown }).chat_id) === String(chatId)) {
      held++;
      holds();
      await gate;
    }
    return prev(method, payload, signal);
  });
  return { slow, held: () => held, firstHeld, release };
}
const isCardIn = (chatId: number, number: string) => (c: { method: string; params: Record<string, unknown> }) =>
  c.method === "sendMessage" && String(c.params.chat_id) === String(chatId) && String(c.params.text).startsWith(`📋 ${number} `);

describe("ward cards at Telegram's pace", () => {
  it("edits a posted card once for many merged reports, and posts a new ticket's card once", async () => {
    const a = await report(HERE);
    await worker().drain();
    const before = h.api.calls.length;
    // Two more residents report the same place (merged into A, two card refreshes queued), then a new ticket B.
    for (let i = 0; i < 2; i++) expect(await report(HERE)).toBe(a);
    const b = await report(OVER_THERE, "unscannable");
    expect(b).not.toBe(a);
    await worker().drain();

    const calls = cardCalls(before);
    const group = String(AN_CUU.group);
    expect(calls.filter((c) => c.endsWith(b))).toEqual([`sendPhoto ${group} ${b}`, `sendMessage ${group} ${b}`, `sendPhoto ${AN_CUU.officer} ${b}`, `sendMessage ${AN_CUU.officer} ${b}`]);
    expect(calls.filter((c) => c.endsWith(a))).toEqual([`editMessageText ${group} ${a}`, `editMessageText ${AN_CUU.officer} ${a}`]);
    // The one edit shows all three reports.
    const edited = h.api.calls.slice(before).find((c) => c.method === "editMessageText" && String(c.params.chat_id) === group)!;
    expect(String(edited.params.text)).toMatch(/Số báo cáo gộp: 3/);
  }, 60_000);

  it("delivers another ward's card while Telegram keeps one group waiting", async () => {
    const anCuu = await report({ lat: 16.4530, lng: 107.5990 }, "unscannable");
    // A second later, so that An Cựu's card is the first due (the one a one-at-a-time worker would hold on).
    h.now.value = new Date(h.now.value.getTime() + 1_000);
    const vyDa = await report(VY_DA_PLACE);
    const { slow, held, firstHeld, release } = holding(AN_CUU.group);
    const from = h.api.calls.length;
    const drained = worker(slow).drain();
    try {
      // Vỹ Dạ's group gets its card while An Cựu's first call is held (the two deliveries run side by side,
      // so either may reach Telegram first: both are awaited).
      await Promise.all([firstHeld, h.api.waitForCall(isCardIn(VY_DA.group, vyDa), from)]);
      expect(held()).toBe(1);
      expect(cardCalls(from).filter((c) => c.endsWith(anCuu))).toEqual([]);
    } finally {
      release();
    }
    expect(await drained).toBe(2);
    expect(cardCalls(from).filter((c) => c.includes(` ${AN_CUU.group} `))).toEqual([`sendPhoto ${AN_CUU.group} ${anCuu}`, `sendMessage ${AN_CUU.group} ${anCuu}`]);
  }, 60_000);

  it("in the running app, a card queued while another ward's group is held goes out at once", async () => {
    const { slow, held, firstHeld, release } = holding(AN_CUU.group);
    // Only the queue's own wake drives the runtime here: its timers are an hour long.
    const runtime = startOfficerRuntime({ api: slow, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger: createLogger("silent"), defaultLocale: "vi" }, { cardsMs: 3_600_000, sweepMs: 3_600_000 });
    const from = h.api.calls.length;
    try {
      const anCuu = await report({ lat: 16.4545, lng: 107.6060 }, "unscannable");
      await firstHeld;
      expect(held()).toBe(1);
      // Filed after An Cựu's card was held: Vỹ Dạ's is not queued behind it.
      const vyDa = await report({ lat: 16.4810, lng: 107.6030 });
      await h.api.waitForCall(isCardIn(VY_DA.group, vyDa), from);
      expect(cardCalls(from).filter((c) => c.endsWith(anCuu))).toEqual([]);
      release();
      await h.api.waitForCall(isCardIn(AN_CUU.group, anCuu), from);
    } finally {
      release();
      runtime.stop();
    }
  }, 60_000);
});
