import sharp from "sharp";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramSender } from "../../../bot/telegram/telegram-sender.js";
import { createWardOutboxWorker } from "../../../bot/telegram/ward-outbox.js";
import { officerFeatures } from "../../../handlers/officer/index.js";
import type { Role } from "../../../models/account.js";
import { createLogger } from "../../../platform/logger.js";
import { createInvitation, type InviteScope } from "../../../services/access/invitations.js";
import { createOutboxWorker } from "../../../services/notify/outbox-worker.js";
import { sweepDeadlines } from "../../../services/tickets/deadlines.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;
const GROUP = -100456;
const AN_CUU = "19815";
const HOUR = 3600e3;
const logger = createLogger("silent");

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
});
afterAll(() => h?.stop());

/** The officers' side and the residents' notifications, delivering through `api` (the bot's own unless a test injects failures). */
const workers = (api: Api = h.assembled.bot.api) => {
  const deps = { api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger };
  return {
    ward: createWardOutboxWorker({ ...deps, defaultLocale: "vi" }),
    accounts: createOutboxWorker({ outbox: h.stores.outbox, accounts: h.stores.accounts, senders: { telegram: telegramSender(api, deps.i18n) }, clock: deps.clock, logger }),
  };
};
const sweep = () => sweepDeadlines({ ...h.stores, clock: () => h.now.value, instance: "test" });
const later = (ms: number) => (h.now.value = new Date(h.now.value.getTime() + ms));

async function invited(user: TelegramTestUser, scope: InviteScope, role: Role): Promise<void> {
  const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, scope, "test");
  await user.say(`/start inv_${token}`);
  await user.expectReply(role === "officer" ? /Bạn là cán bộ/ : /Bạn giám sát/);
}

const photo = () => sharp({ create: { width: 900, height: 700, channels: 3, background: "#8a8f7a" } }).jpeg().toBuffer();
const numberIn = (text: string) => /[A-Z]{3}-\d{4}-\d{4}/.exec(text)![0];
/** Every card message (not the photo above it) the bot ever sent for a ticket, by chat. */
const cardsSent = (number: string) => h.api.calls.filter((c) => c.method === "sendMessage" && String(c.params.text).startsWith(`📋 ${number} `));
const edits = (number: string, chatId: number | string) =>
  h.api.calls.filter((c) => c.method === "editMessageText" && String(c.params.chat_id) === String(chatId) && String(c.params.text).startsWith(`📋 ${number} `));
const answers = (since: number) => h.api.calls.slice(since).filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.params.text ?? ""));

describe("a real report's deadlines, cards and withdrawal, through the fake Bot API", () => {
  let group: TelegramTestUser;
  let bao: TelegramTestUser;
  let supervisor: TelegramTestUser;

  beforeAll(async () => {
    bao = new TelegramTestUser(h.api, 8501);
    await invited(bao, { role: "officer", wardCode: AN_CUU }, "officer");
    group = new TelegramTestUser(h.api, 8501, "vi", GROUP);
    await group.say("/bindgroup");
    await group.expectReply(/đã được liên kết/);
    supervisor = new TelegramTestUser(h.api, 8502);
    await invited(supervisor, { role: "supervisor", provinceCode: "46" }, "supervisor");
  });

  it("gets due dates from the policy; the card and /ticket show them; a reminder (retried after a failed send) and an escalation arrive once each", async () => {
    const resident = new TelegramTestUser(h.api, 7501);
    const opened = h.now.value;
    const number = numberIn(await reportPlainly(resident, { type: "no_poster", photo: await photo(), lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ }));
    const ticket = (await h.stores.tickets.byNumber(number))!;
    expect(ticket.acknowledgeBy!.getTime() - opened.getTime()).toBe(24 * HOUR);
    expect(ticket.closeBy!.getTime() - opened.getTime()).toBe(7 * 24 * HOUR);

    await workers().ward.drain();
    const card = await group.expectReply(new RegExp(`📋 ${number} · mới`));
    // 03:00 UTC + 24 h is 10:00 the next day in Vietnam.
    expect(card.text).toMatch(/Hạn: 10:00 24\/11\/2026/);
    expect(card.text).toMatch(/Phường\/xã: Phường An Cựu, Thành phố Huế/);
    await resident.say(`/ticket ${number}`);
    await resident.expectReply(/Hạn phường\/xã tiếp nhận: 10:00 24\/11\/2026/);

    // Twenty-one hours on, the ward's group is reminded; the first send fails and is retried.
    later(21 * HOUR);
    let failures = 0;
    // The same fake Bot API behind a client whose first reminder send fails as a 502 would.
    const failing = new Api(h.assembled.bot.token, { apiRoot: h.api.apiRoot });
    failing.config.use((prev, method, payload, signal) => {
      if (method === "sendMessage" && String((payload as { text?: string }).text).startsWith("⏰") && failures++ === 0) {
        return Promise.resolve({ ok: false, error_code: 502, description: "Bad Gateway" } as never);
      }
      return prev(method, payload, signal);
    });
    await sweep();
    await sweep();
    await workers(failing).ward.drain();
    expect(failures).toBe(1);
    later(60_000);
    await sweep();
    await workers(failing).ward.drain();
    await workers(failing).ward.drain();
    await group.expectReply(new RegExp(`⏰ Báo cáo ${number} cần được tiếp nhận trước 10:00 24/11/2026`));
    const reminders = () => h.api.calls.filter((c) => c.method === "sendMessage" && String(c.params.text).startsWith(`⏰ Báo cáo ${number}`));
    expect(reminders()).toHaveLength(1);

    // Past the deadline, the province's supervisor hears of it, once, with the ward's name.
    later(4 * HOUR);
    await sweep();
    await sweep();
    const w = workers();
    await w.accounts.drain();
    await w.ward.drain();
    await supervisor.expectReply(new RegExp(`🚨 Báo cáo ${number} của Phường An Cựu, Thành phố Huế chưa được tiếp nhận`));
    later(HOUR);
    await sweep();
    await w.accounts.drain();
    expect(h.api.calls.filter((c) => c.method === "sendMessage" && String(c.params.text).startsWith(`🚨 Báo cáo ${number}`))).toHaveLength(1);
    expect(reminders()).toHaveLength(1);
  });

  it("a merged report updates the one card instead of posting a second live one", async () => {
    const first = new TelegramTestUser(h.api, 7511);
    const second = new TelegramTestUser(h.api, 7512);
    const number = numberIn(await reportPlainly(first, { type: "wrong_info", photo: await photo(), lat: 16.4460, lng: 107.6100, photoReply: /Không tìm thấy mã QR/ }));
    await workers().ward.drain();
    await group.expectReply(new RegExp(`📋 ${number} · mới[\\s\\S]*Số báo cáo gộp: 1`));

    await reportPlainly(second, { type: "wrong_info", photo: await photo(), lat: 16.4461, lng: 107.6101, photoReply: /Không tìm thấy mã QR/ });
    expect((await h.stores.tickets.byNumber(number))!.reports).toHaveLength(2);
    await workers().ward.drain();
    const edited = await group.expectReply(new RegExp(`📋 ${number} · mới[\\s\\S]*Số báo cáo gộp: 2`));
    expect(edited.method).toBe("editMessageText");
    // One card per chat (the group and the ward's officer), never a second one.
    expect(cardsSent(number).map((c) => String(c.params.chat_id)).sort()).toEqual([String(GROUP), "8501"].sort());
    expect(edits(number, 8501).at(-1)!.params.text).toMatch(/Số báo cáo gộp: 2/);
  });

  it("closing refreshes every copy; a press on a stale copy refreshes that card and says so", async () => {
    const resident = new TelegramTestUser(h.api, 7521);
    const number = numberIn(await reportPlainly(resident, { type: "unscannable", photo: await photo(), lat: 16.4500, lng: 107.6150, photoReply: /Không tìm thấy mã QR/ }));
    await workers().ward.drain();
    const groupCard = await group.expectReply(new RegExp(`📋 ${number} · mới`));
    await bao.expectReply(new RegExp(`📋 ${number} · mới`));
    const ticketId = /^tk:([0-9a-f]{24}):ack$/.exec(groupCard.buttons[0]!.data!)![1]!;

    // Acknowledged in the group; before the worker runs, the officer presses the old private copy.
    await group.press(`tk:${ticketId}:ack`);
    await group.expectReply(new RegExp(`📋 ${number} · đã tiếp nhận`));
    const before = h.api.calls.length;
    await bao.press(`tk:${ticketId}:ack`);
    const refreshed = await bao.expectReply(new RegExp(`📋 ${number} · đã tiếp nhận`));
    expect(refreshed.method).toBe("editMessageText");
    expect(refreshed.buttons.filter((b) => b.data).map((b) => b.data)).toEqual([`tk:${ticketId}:insp`, `tk:${ticketId}:cv`, `tk:${ticketId}:nv`, `ph:${ticketId}:1`]);
    expect(answers(before)).toEqual([expect.stringMatching(/Thẻ này đã cũ\. Đã cập nhật theo trạng thái hiện tại: đã tiếp nhận/)]);
    expect((await h.stores.tickets.byId(ticketId))!.history.filter((e) => e.action === "acknowledge")).toHaveLength(1);

    // Closed from the group: after the worker, every copy reads the final state without state buttons (its photo may still be published).
    await group.press(`tk:${ticketId}:nv`);
    await group.expectReply(new RegExp(`📋 ${number} · không có vi phạm`));
    await workers().ward.drain();
    for (const chat of [GROUP, 8501]) {
      const last = edits(number, chat).at(-1)!;
      expect(String(last.params.text)).toMatch(new RegExp(`📋 ${number} · không có vi phạm`));
      // Only the place's map link and the photo's publish button stay: no state action is left.
      expect((last.params.reply_markup as { inline_keyboard: { url?: string; callback_data?: string }[][] }).inline_keyboard.flat().filter((b) => !b.url).map((b) => b.callback_data)).toEqual([`ph:${ticketId}:1`]);
    }
  });

  it("a reporter withdraws while the ticket is new; others and late withdrawals are refused and change nothing", async () => {
    const reporter = new TelegramTestUser(h.api, 7531);
    const stranger = new TelegramTestUser(h.api, 7532);
    const number = numberIn(await reportPlainly(reporter, { type: "no_poster", photo: await photo(), lat: 16.4530, lng: 107.6050, photoReply: /Không tìm thấy mã QR/ }));
    const lateNumber = numberIn(await reportPlainly(reporter, { type: "unscannable", photo: await photo(), lat: 16.4580, lng: 107.6180, photoReply: /Không tìm thấy mã QR/ }));

    await stranger.say(`/withdraw ${number}`);
    await stranger.expectReply(new RegExp(`Không tìm thấy báo cáo ${number}`));
    expect((await h.stores.tickets.byNumber(number))!.state).toBe("new");

    // The ward takes the other one on first: it can no longer be withdrawn.
    await bao.say(`/ticket ${lateNumber}`);
    await bao.expectReply(new RegExp(`📋 ${lateNumber} · mới`));
    await bao.press(/Tiếp nhận/);
    await bao.expectReply(new RegExp(`📋 ${lateNumber} · đã tiếp nhận`));
    const lateBefore = (await h.stores.tickets.byNumber(lateNumber))!;
    await reporter.say(`/withdraw ${lateNumber}`);
    await reporter.expectReply(/Không thể rút báo cáo .* nữa: phường\/xã đã bắt đầu xử lý \(trạng thái: đã tiếp nhận\)/);
    expect((await h.stores.tickets.byNumber(lateNumber))!.version).toBe(lateBefore.version);

    // The reporter's own view offers the button while the ticket is new.
    await reporter.say(`/ticket ${number}`);
    await reporter.expectReply(new RegExp(`Báo cáo ${number}`));
    await reporter.press(/Rút báo cáo/);
    await reporter.expectReply(new RegExp(`Đã rút báo cáo ${number}\\. Báo cáo đã được đóng\\.`));
    const withdrawn = (await h.stores.tickets.byNumber(number))!;
    expect(withdrawn).toMatchObject({ state: "withdrawn", outcome: { kind: "withdrawn" } });
    await workers().ward.drain();
    // The group's card reads the withdrawal: posted so (its card was still queued), or edited to it.
    const shown = h.api.calls.filter((c) => ["sendMessage", "editMessageText"].includes(c.method) && String(c.params.chat_id) === String(GROUP) && String(c.params.text).startsWith(`📋 ${number} `));
    expect(String(shown.at(-1)!.params.text)).toMatch(new RegExp(`📋 ${number} · đã rút`));
  });

  it("a resident's /ticket finds the transferred successor …-T", async () => {
    const reporter = new TelegramTestUser(h.api, 7541);
    const number = numberIn(await reportPlainly(reporter, { type: "wrong_info", photo: await photo(), lat: 16.4540, lng: 107.6120, photoReply: /Không tìm thấy mã QR/ }));
    await bao.say(`/transfer ${number} 19777`);
    await bao.expectReply(new RegExp(`Đã chuyển ${number} .*${number}-T`));
    await reporter.say(`/ticket ${number}-T`);
    const detail = await reporter.expectReply(new RegExp(`Báo cáo ${number}-T`));
    expect(detail.text).toMatch(/Phường Vỹ Dạ/);
  });
});
