import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramSender } from "../../../bot/telegram/telegram-sender.js";
import { createWardOutboxWorker } from "../../../bot/telegram/ward-outbox.js";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { createLogger } from "../../../platform/logger.js";
import { createInvitation, type InviteScope } from "../../../services/access/invitations.js";
import { createOutboxWorker } from "../../../services/notify/outbox-worker.js";
import { addVenues, importScans } from "../../support/activity-world.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { ticketsOfProvince } from "../../support/tickets-of-province.js";

const db = useTestDatabase();
let h: BotHarness;
const GROUP = -100777;
const AN_CUU = "19815";
const logger = createLogger("silent");

/**
 * The Huế demo registry (its wards with their real boundaries) on Monday 23 November 2026, at
 * most 2 inspections per ward a week. Active venues: HUE-0001 (Phú Xuân) scanned on the 20th;
 * HUE-0003 (Phú Xuân) and HUE-0002 (Vỹ Dạ) never; in An Cựu, AC-01 never, Bệnh viện An Cựu
 * (HUE-0006) last on 1 November (7 scans in the last 30 days), AC-02 last on 5 November.
 */
beforeAll(async () => {
  h = await startBotHarness(db(), { INSPECTIONS_PER_WARD_WEEK: "2" }, (a) =>
    a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })),
  );
  await h.start();
  await addVenues(h, "AC", AN_CUU, 2, "market");
  await importScans(h, () => h.now.value, ["HUE-0001,2026-11-20,3", "HUE-0006,2026-10-30,2", "HUE-0006,2026-11-01,5", "AC-02,2026-11-05,1"]);
});
afterAll(() => h?.stop());

const workers = () => {
  const deps = { api: h.assembled.bot.api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger };
  return {
    cards: createWardOutboxWorker({ ...deps, defaultLocale: "vi" }),
    accounts: createOutboxWorker({ outbox: h.stores.outbox, accounts: h.stores.accounts, senders: { telegram: telegramSender(deps.api, deps.i18n) }, clock: deps.clock, logger }),
  };
};

async function invited(id: number, scope: InviteScope, welcome: RegExp): Promise<TelegramTestUser> {
  const user = new TelegramTestUser(h.api, id);
  const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, scope, "test");
  await user.say(`/start inv_${token}`);
  await user.expectReply(welcome);
  return user;
}

async function alertAfter(since: number): Promise<string> {
  return String((await h.api.waitForCall((c) => c.method === "answerCallbackQuery", since)).params.text ?? "");
}

describe("the registry keeper's inspection lists, from the keeper's chat to the ward's group", () => {
  it("refuses the keeper's commands to residents and officers, and another province's keeper", async () => {
    const resident = new TelegramTestUser(h.api, 9101);
    for (const command of ["/compliance", "/inspections"]) {
      await resident.say(command);
      await resident.expectReply(/dành cho cán bộ quản lý danh bạ mã QR/);
    }
    const officer = await invited(9102, { role: "officer", wardCode: AN_CUU }, /Bạn là cán bộ của Phường An Cựu/);
    await officer.say("/inspections");
    await officer.expectReply(/dành cho cán bộ quản lý danh bạ mã QR/);
    const before = h.api.calls.length;
    await officer.pressData("kin:46");
    expect(await alertAfter(before)).toMatch(/không có quyền/);
    // Đà Nẵng's keeper (the demo directory holds Huế only, so no invitation can name Đà Nẵng).
    const other = new TelegramTestUser(h.api, 9103);
    await h.stores.accounts.grantRole((await h.stores.accounts.ensure("telegram", "9103")).id, "registry", { provinceCode: "48" });
    const pressed = h.api.calls.length;
    await other.pressData("kin:46");
    expect(await alertAfter(pressed)).toMatch(/không có quyền/);
    await other.say("/compliance 46");
    await other.expectReply(/chưa có phường\/xã nào của tỉnh\/thành này/);
    expect((await ticketsOfProvince(h.stores, "46", 50)).filter((t) => t.source === "inspection")).toHaveLength(0);
  });

  it("the keeper reads compliance, issues the list; the ward's group gets the card and the keeper confirms the officer's 'venue closed'", async () => {
    const keeper = await invited(9201, { role: "registry", provinceCode: "46" }, /Bạn quản lý danh bạ mã QR và dữ liệu quét mã của Thành phố Huế/);
    await keeper.say("/compliance");
    const summary = await keeper.expectReply(/^Tuân thủ quét mã QR, Thành phố Huế, tính đến hết ngày 23\/11\/2026:/);
    expect(summary.text).toMatch(/Toàn tỉnh\/thành: 6 cơ sở hoạt động, 1 được quét trong 7 ngày \(16,7 %\), 3 chưa từng quét, 5 không quét từ 14 ngày\./);
    expect(summary.text).toMatch(/\n• Phường An Cựu: 0\/3 \(0,0 %\), im lặng 3\n/);

    await keeper.say("/inspections");
    const preview = await keeper.expectReply(/Danh sách kiểm tra Thành phố Huế .*tối đa 2 mỗi phường\/xã mỗi tuần\): 4 cơ sở\./);
    expect(preview.text).toMatch(/• Phường An Cựu: 2$/m);
    await keeper.press(/Gửi danh sách/);
    await keeper.expectReply(/Đã gửi 4 phiếu kiểm tra tới các phường\/xã \(Thành phố Huế\)\./);
    // Pressed again (or issued by the schedule meanwhile): the week's list is out, nothing doubles.
    await keeper.pressData("kin:46");
    await keeper.expectReply(/Đã gửi 0 phiếu kiểm tra/);

    const officer = new TelegramTestUser(h.api, 9102);
    const group = new TelegramTestUser(h.api, 9102, "vi", GROUP);
    await group.say("/bindgroup");
    await group.expectReply(/đã được liên kết với Phường An Cựu/);
    const w = workers();
    await w.cards.drain();
    const card = await group.expectReply(/Bệnh viện An Cựu/);
    expect(card.text).toMatch(/^📋 HUE-2611-\d{4} · mới\nPhường\/xã: Phường An Cựu, Thành phố Huế\nLoại vi phạm: Dấu hiệu vi phạm: mã QR không được quét\nNguồn: danh sách kiểm tra/);
    expect(card.text).toMatch(/Mã cơ sở: HUE-0006 · Loại: Bệnh viện, phòng khám · Trạng thái: đang hoạt động/);
    expect(card.text).toMatch(/Lượt quét: lần cuối 01\/11\/2026 · 7 ngày qua: 0 · 30 ngày qua: 7/);
    expect(card.text).not.toMatch(/Số báo cáo gộp/);
    await officer.expectReply(/Bệnh viện An Cựu/);
    const number = /HUE-2611-\d{4}/.exec(card.text)![0];

    await group.press(/Tiếp nhận/);
    const acknowledged = await group.expectReply(new RegExp(`📋 ${number} · đã tiếp nhận`));
    expect(acknowledged.buttons.filter((b) => b.data).map((b) => b.text)).toEqual([
      "🔍 Bắt đầu kiểm tra", "👌 Đóng: có mã, quét được", "⚠️ Đóng: không có mã", "⚠️ Đóng: mã sai", "🚪 Đóng: cơ sở đã ngừng hoạt động",
    ]);
    const pressedAt = h.api.calls.length;
    await group.press(/cơ sở đã ngừng hoạt động/);
    await group.expectReply(new RegExp(`📋 ${number} · cơ sở đã ngừng hoạt động`));
    // The officer's answer says what really happened: the keeper decides.
    expect(await alertAfter(pressedAt)).toMatch(/chỉ đổi khi người quản lý danh bạ xác nhận/);
    const ticket = (await h.stores.tickets.byNumber(number))!;
    expect(ticket.outcome).toEqual({ kind: "finding", finding: "venue_closed" });
    expect((await h.stores.venues.byCode("HUE-0006"))!.status).toBe("active");

    // The keeper is asked to confirm; an officer cannot confirm in the keeper's place.
    await w.accounts.drain();
    await keeper.expectReply(new RegExp(`Kiểm tra ${number} \\(Phường An Cựu, Thành phố Huế\\): cán bộ báo cơ sở “Bệnh viện An Cựu” đã ngừng hoạt động`));
    const before = h.api.calls.length;
    await officer.pressData(`tk:${ticket.id}:vcy`);
    expect(await alertAfter(before)).toMatch(/không có quyền/);
    expect((await h.stores.venues.byCode("HUE-0006"))!.status).toBe("active");
    await keeper.press(/Xác nhận cơ sở đã ngừng hoạt động/);
    await keeper.expectReply(new RegExp(`📋 ${number} · cơ sở đã ngừng hoạt động`));
    expect((await h.stores.venues.byCode("HUE-0006"))!.status).toBe("closed");
    const audit = await h.stores.audit.of("venue", "HUE-0006");
    expect(audit).toMatchObject([{ action: "close_venue", actorRole: "registry", to: "closed", note: number }]);
    expect((await h.stores.audit.of("ticket", ticket.id)).map((e) => e.action)).toEqual(["acknowledge", "record_finding", "confirm_closure"]);

    // A minute later, the ward's statistics count them with the residents' reports, told apart by source.
    h.now.value = new Date(h.now.value.getTime() + 60_000);
    await officer.say("/stats");
    await officer.expectReply(/Phường An Cựu, Thành phố Huế: mở 2, đóng 1, .*nguồn: người dân 0, danh sách kiểm tra 2/);
  });
});
