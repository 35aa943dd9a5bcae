import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../handlers/officer/index.js";
import { messageReporters } from "../../services/notify/ticket-changed.js";
import { openTicket } from "../../services/tickets/open-ticket.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { TelegramTestUser } from "../support/telegram-user.js";
import { wardOfficers } from "../support/ward-officers.js";

const db = useTestDatabase();
let h: BotHarness;
const GROUP = -100261;
const AN_CUU = "19815";
const ALICE_NOTE = "Chủ quán số 0905111222 không chịu dán mã";
const BOB_NOTE = "Saw it too, call me 0912345678";

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
});
afterAll(() => h?.stop());

const wall = (background: string) => sharp({ create: { width: 900, height: 700, channels: 3, background } }).jpeg().toBuffer();
const accountOf = (id: number) => h.stores.accounts.ensure("telegram", String(id));

/** /report of a missing poster at An Cựu with a typed note, in the resident's language; returns the summary and the answer. */
async function reportWithNote(u: TelegramTestUser, note: string, en = false): Promise<{ summary: string; answer: string }> {
  await u.say("/report");
  await u.expectReply(en ? /What would you like/ : /vi phạm nào/);
  await u.press("r:t:no_poster");
  await u.expectReply(en ? /entrance/ : /lối vào/);
  await u.sendPhoto(await wall(en ? "#8a7f6a" : "#9a8f7a"));
  await u.expectReply(en ? /Photo 1 received/ : /Đã nhận ảnh 1/);
  await u.press("r:done");
  await u.expectReply(en ? /Send where the poster is/ : /Gửi vị trí/);
  await u.sendLocation(16.4552, 107.6002);
  await u.expectReply(en ? /Add a note/ : /ghi chú/);
  await u.say(note);
  const summary = (await u.expectReply(en ? /Please check/ : /Kiểm tra lại/)).text;
  await u.press("r:ok");
  return { summary, answer: (await u.expectReply(en ? /Sent!/ : /Đã gửi/)).text };
}

describe("residents know what is public, see what is held about them, and can have it erased", () => {
  let a: TelegramTestUser;
  let b: TelegramTestUser;
  let officer: TelegramTestUser;
  let g: TelegramTestUser;
  let number = "";
  let ticketId = "";

  beforeAll(async () => {
    const ward = wardOfficers(h);
    officer = await ward.invite(26101, { role: "officer", wardCode: AN_CUU });
    g = new TelegramTestUser(h.api, 26101, "vi", GROUP);
    await g.say("/bindgroup");
    await g.expectReply(/đã được liên kết/);
    a = new TelegramTestUser(h.api, 26001);
    b = new TelegramTestUser(h.api, 26002, "en");
  });

  it("the summary before Confirm says in one line what becomes public and what stays with the ward, in the resident's language", async () => {
    const vi = await reportWithNote(a, ALICE_NOTE);
    const notice = vi.summary.split("\n").at(-1)!;
    expect(notice).toMatch(/^🔒 Công khai: loại vi phạm, trạng thái, phường\/xã, tên cơ sở đã đăng ký, vị trí gần đúng \(khoảng 100 m\); ảnh chỉ khi cán bộ cho công khai\. /);
    expect(notice).toMatch(/Chỉ phường\/xã xem: ghi chú, liên hệ, vị trí chính xác và các ảnh khác của bạn\.$/);
    number = /[A-Z]{3}-\d{4}-\d{4}/.exec(vi.answer)![0];

    // Bob reports the same poster in English: his report joins Alice's ticket.
    const en = await reportWithNote(b, BOB_NOTE, true);
    expect(en.summary.split("\n").at(-1)).toMatch(/^🔒 Public: the type, state, ward, registered venue's name and an approximate place \(about 100 m\); photos only if an officer publishes them\. Only the ward sees your note, your contact/);
    expect(en.answer).toContain(number);
    ticketId = (await h.stores.tickets.byNumber(number))!.id;
  });

  it("/mydata lists what is held: contact, the report with its number and state, the note, the rating and its reason, the photos", async () => {
    const w = wardOfficers(h).workers();
    await w.cards.drain();
    await g.expectReply(new RegExp(`📋 ${number}`));
    for (const [button, shown] of [["ack", /đã tiếp nhận/], ["nv", /không có vi phạm/]] as const) {
      await g.press(`tk:${ticketId}:${button}`);
      await g.expectReply(new RegExp(`📋 ${number} · ${shown.source}`));
    }
    await w.residents.drain();
    await a.expectReply(/Bạn có hài lòng/);
    await a.press(`rt:${ticketId}:n`);
    await a.expectReply(/chưa hài lòng\. Bạn có thể thêm lý do/);
    await a.press(/Thêm lý do/);
    await a.expectReply(/Vì sao\?/);
    await a.say("Phường chưa đến tận nơi, gọi 0905111222");
    await a.expectReply(/Đã ghi nhận lý do/);

    await a.say("/mydata");
    const held = (await a.expectReply(/Dữ liệu của bạn trong hệ thống/)).text;
    expect(held).toMatch(/tên Resident 26001 · số điện thoại \(không có\) · qua Telegram/);
    expect(held).toMatch(/Báo cáo: 1 · ghi chú: 1 · đánh giá: 1 · ảnh đã gửi: 1/);
    expect(held).toContain(`${number} · Không dán mã QR · không có vi phạm`);
    expect(held).toContain("– ghi chú: «Chủ quán số 0905111222 không chịu dán mã»");
    expect(held).toMatch(/– đánh giá: chưa hài lòng \(lý do: Phường chưa đến tận nơi, gọi 0905111222\)/);
    expect(held).toMatch(/xoá 365 ngày sau khi báo cáo đóng\. \/forgetme/);
    // Only her own words: Bob's note on the same ticket is not hers to see.
    expect(held).not.toContain(BOB_NOTE);
  });

  it("/forgetme asks first; Keep changes nothing", async () => {
    const before = await h.stores.tickets.byId(ticketId);
    await a.say("/forgetme");
    const ask = await a.expectReply(/Xoá dữ liệu của bạn\?/);
    expect(ask.buttons.map((x) => x.data)).toEqual(["fm:yes", "fm:no"]);
    await a.press("fm:no");
    await a.expectReply(/không có gì bị xoá/);
    expect(await h.stores.tickets.byId(ticketId)).toEqual(before);
    expect((await accountOf(26001)).displayName).toBe("Resident 26001");
  });

  it("Erase: her name, notes and rating reason are gone, the report stays with the ward anonymised, Bob's data and the officer's view are untouched", async () => {
    const aliceId = (await accountOf(26001)).id;
    const bobId = (await accountOf(26002)).id;
    const claimsBy = (id: string) => db().collection("claims").countDocuments({ by: id });
    expect(await claimsBy(aliceId)).toBeGreaterThan(0);
    await a.say("/forgetme");
    await a.expectReply(/Xoá dữ liệu của bạn\?/);
    await a.press("fm:yes");
    const done = (await a.expectReply(/Đã xoá dữ liệu của bạn/)).text;
    expect(done).toMatch(/tên: đã xoá · số điện thoại: không lưu/);
    expect(done).toMatch(/1 ghi chú và 1 lý do đánh giá/);
    expect(done).toMatch(/1 báo cáo \(với 1 ảnh làm bằng chứng\) vẫn ở lại phường\/xã/);

    // The account stays (the bot still speaks to her) without her name.
    const account = (await h.stores.accounts.byId(aliceId))!;
    expect(account.displayName).toBeUndefined();
    expect(account.phone).toBeUndefined();

    const t = (await h.stores.tickets.byNumber(number))!;
    expect(t.state).toBe("no_violation");
    expect(t.reports).toHaveLength(2);
    const [hers, his] = t.reports as [(typeof t.reports)[0], (typeof t.reports)[0]];
    expect(hers.note).toBeUndefined();
    expect(hers.accountId).toMatch(/^[0-9a-f]{24}$/);
    expect(hers.accountId).not.toBe(aliceId);
    expect(await h.stores.accounts.byId(hers.accountId)).toBeUndefined();
    expect(hers.location).toEqual({ lat: 16.4552, lng: 107.6002 });
    expect(hers.evidenceIds).toHaveLength(1);
    expect((await h.stores.evidence.byId(hers.evidenceIds[0]!))!.accountId).toBe(hers.accountId);
    expect(t.ratings).toMatchObject([{ accountId: hers.accountId, satisfied: false }]);
    expect(t.ratings[0]!.reason).toBeUndefined();
    const words = JSON.stringify([t, await h.stores.audit.of("ticket", t.id)]);
    for (const gone of [ALICE_NOTE, "Phường chưa đến tận nơi", aliceId]) expect(words).not.toContain(gone);
    expect(t.history.filter((e) => e.action === "rate").map((e) => e.note)).toEqual(["not_satisfied", "not_satisfied"]);
    expect(await claimsBy(aliceId)).toBe(0);

    // Bob, on the same ticket, keeps everything.
    expect(his).toMatchObject({ accountId: bobId, note: BOB_NOTE });
    expect((await h.stores.accounts.byId(bobId))!.displayName).toBe("Resident 26002");

    // Audited, with counts only.
    const audit = await h.stores.audit.of("account", aliceId);
    expect(audit).toMatchObject([{ action: "forget_me", actorId: aliceId, meta: { tickets: 1, notes: 1, reasons: 1, photos: 1, name: true } }]);

    // The ward still works the ticket: its card, the reporters' contacts (one erased, one kept).
    await officer.say(`/contact ${number}`);
    const contacts = (await officer.expectReply(/Liên hệ người báo cáo/)).text;
    expect(contacts).toMatch(/#1: —/);
    expect(contacts).toMatch(/#2: Resident 26002/);
    await officer.say(`/ticket ${number}`);
    await officer.expectReply(new RegExp(`📋 ${number}`));

    // She no longer sees it as hers; /mydata is empty, and /report still works for her.
    await a.say("/mytickets");
    await a.expectReply(/chưa có báo cáo nào/);
    await a.say("/mydata");
    expect((await a.expectReply(/Dữ liệu của bạn/)).text).toMatch(/tên \(không có\)[\s\S]*Báo cáo: 0 · ghi chú: 0 · đánh giá: 0 · ảnh đã gửi: 0/);
  });

  it("news of an anonymised report reaches Bob and is dropped for the erased reporter without retrying", async () => {
    const w = wardOfficers(h).workers();
    const before = h.api.calls.length;
    // What an officer's /reply queues (the ticket is closed now, so /reply itself would refuse).
    await messageReporters(h.stores.outbox, (await h.stores.tickets.byNumber(number))!, "Cảm ơn hai bạn.", h.now.value);
    expect(await w.residents.drain()).toBe(2);
    await b.expectReply(/Cảm ơn hai bạn/);
    expect(h.api.calls.slice(before).filter((c) => c.method === "sendMessage" && String(c.params.text).includes("Cảm ơn hai bạn") && String(c.params.chat_id) === "26001")).toEqual([]);
    h.now.value = new Date(h.now.value.getTime() + 3600e3);
    expect(await w.residents.drain()).toBe(0);
  });

  it("/mydata of a resident with many long notes fits a Zalo message and points to /mytickets for the rest", async () => {
    const heavy = await accountOf(26003);
    const long = (n: number) => `${"Ghi chú rất dài về quán ".repeat(45)}${n}`.slice(0, 1000);
    for (let i = 0; i < 7; i++) {
      const at = h.now.value;
      const addition = { accountId: heavy.id, channel: "telegram" as const, kind: "evidence" as const, note: long(i), evidenceIds: [], at };
      await openTicket(h.stores, {
        violationType: "wrong_info", wardCode: AN_CUU, provinceCode: "46", verdict: "no_code", location: { lat: 16.46, lng: 107.6 + i / 100 },
        report: { accountId: heavy.id, channel: "telegram", violationType: "wrong_info", note: long(i), evidenceIds: [], flags: [], at },
        additions: [addition, addition, addition],
        event: { at, actorId: heavy.id, actorRole: "resident", action: "opened", to: "new" },
      }, { provinceName: "Thành phố Huế" });
    }
    const u = new TelegramTestUser(h.api, 26003);
    await u.say("/mydata");
    const held = (await u.expectReply(/Dữ liệu của bạn/)).text;
    expect(held).toMatch(/Báo cáo: 7 · ghi chú: 28 · đánh giá: 0/);
    expect(held).toMatch(/… và 3 báo cáo khác: \/mytickets/);
    expect(held.match(/– ghi chú/g)).toHaveLength(8);
    expect(held.length).toBeLessThanOrEqual(2000);
  });

  it("a staff account cannot erase itself", async () => {
    await officer.say("/forgetme");
    await officer.expectReply(/Tài khoản cán bộ không tự xoá được/);
    await officer.pressData("fm:yes");
    await officer.expectReply(/Tài khoản cán bộ không tự xoá được/);
    expect((await accountOf(26101)).role).toBe("officer");
  });
});
