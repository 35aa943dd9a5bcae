import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { wardOfficers } from "../../support/ward-officers.js";

const db = useTestDatabase();
let h: BotHarness;
const GROUP = -100177;
const AN_CUU = "19815";
const DAY = 24 * 3600e3;

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
});
afterAll(() => h?.stop());

const wall = (background: string) => sharp({ create: { width: 900, height: 700, channels: 3, background } }).jpeg().toBuffer();
const later = (ms: number) => (h.now.value = new Date(h.now.value.getTime() + ms));
/** The toast that answered a press made after `since`: a refused press explains itself there. */
const toastAfter = async (since: number) => String((await h.api.waitForCall((c) => c.method === "answerCallbackQuery" && c.params.text !== undefined, since)).params.text);

describe("residents close the loop on Telegram: rate, not fixed, add evidence, withdraw", () => {
  const alice = () => new TelegramTestUser(h.api, 17001);
  let g: TelegramTestUser;
  let w: ReturnType<ReturnType<typeof wardOfficers>["workers"]>;
  let number = "";
  let ticketId = "";

  /** The ward's officer closes the ticket by pressing the card the bot posted in the group; the reporter hears it. */
  async function closeFromCard(u: TelegramTestUser, state: RegExp): Promise<ReturnType<TelegramTestUser["expectReply"]>> {
    for (const [button, shown] of [["ack", /đã tiếp nhận/], ["nv", /không có vi phạm/]] as const) {
      await g.press(`tk:${ticketId}:${button}`);
      await g.expectReply(new RegExp(`📋 ${number} · ${shown.source}`));
    }
    await w.residents.drain();
    return u.expectReply(state);
  }

  /** "Not fixed" from the closing's button: a new photo, then a note (or Skip); returns the bot's answer. */
  async function notFixed(u: TelegramTestUser, background: string, note: string | undefined, answer: RegExp) {
    await u.press(`nf:${ticketId}`);
    await u.expectReply(/Gửi ảnh mới/);
    await u.sendPhoto(await wall(background));
    await u.expectReply(/Đã nhận ảnh 1/);
    await u.press("r:done");
    await u.expectReply(/Mô tả ngắn/);
    await (note ? u.say(note) : u.press("r:skip"));
    return u.expectReply(answer);
  }

  beforeAll(async () => {
    const ward = wardOfficers(h);
    await ward.invite(17101, { role: "officer", wardCode: AN_CUU });
    await ward.invite(17102, { role: "supervisor", provinceCode: "46" });
    g = new TelegramTestUser(h.api, 17101, "vi", GROUP);
    await g.say("/bindgroup");
    await g.expectReply(/đã được liên kết/);
    w = ward.workers();
  });

  it("a closing asks the reporter to rate it; the rating, its reason and a changed rating are kept, counted in /stats, refused after 7 days", async () => {
    const u = alice();
    number = /[A-Z]{3}-\d{4}-\d{4}/.exec(await reportPlainly(u, { type: "no_poster", photo: await wall("#9a8f7a"), lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ }))![0];
    await w.cards.drain();
    const card = await g.expectReply(new RegExp(`📋 ${number} · mới`));
    ticketId = /^tk:([0-9a-f]{24}):ack$/.exec(card.buttons[0]!.data!)![1]!;

    const closed = await closeFromCard(u, new RegExp(`Báo cáo ${number} của bạn: không có vi phạm\\.\\nBạn có hài lòng`));
    expect(closed.buttons.map((b) => b.data)).toEqual([`rt:${ticketId}:y`, `rt:${ticketId}:n`, `nf:${ticketId}`]);
    await u.press(`rt:${ticketId}:n`);
    await u.expectReply(/chưa hài lòng\. Bạn có thể thêm lý do/);
    await u.press(/Thêm lý do/);
    await u.expectReply(/Vì sao\?/);
    await u.say("Phường chưa đến kiểm tra tận nơi");
    await u.expectReply(/Đã ghi nhận lý do/);
    let t = (await h.stores.tickets.byId(ticketId))!;
    expect(t.ratings).toMatchObject([{ satisfied: false, reason: "Phường chưa đến kiểm tra tận nơi", outcome: "no_violation" }]);

    // Changed a day later: still one answer for this closing.
    later(DAY);
    await u.pressData(`rt:${ticketId}:y`);
    // "Satisfied" is not asked why.
    expect((await u.expectReply(/đánh giá báo cáo .*: hài lòng/)).buttons).toEqual([]);
    t = (await h.stores.tickets.byId(ticketId))!;
    expect(t.ratings).toHaveLength(1);
    expect(t.ratings[0]).toMatchObject({ satisfied: true });
    expect(t.history.filter((e) => e.action === "rate").map((e) => e.note)).toEqual(["not_satisfied", "not_satisfied: Phường chưa đến kiểm tra tận nơi", "satisfied"]);
    const officer = new TelegramTestUser(h.api, 17101);
    await officer.say("/stats");
    await officer.expectReply(/Phường An Cựu, Thành phố Huế: .* · hài lòng 100% \(1\/1\), không có vi phạm 100%/);

    // Eight days after the closing the rating can no longer change.
    later(7 * DAY);
    const version = (await h.stores.tickets.byId(ticketId))!.version;
    const pressed = h.api.calls.length;
    await u.pressData(`rt:${ticketId}:n`);
    expect(await toastAfter(pressed)).toMatch(/quá 7 ngày/);
    expect((await h.stores.tickets.byId(ticketId))!.version).toBe(version);
  });

  it("another resident's forged rating or not-fixed press is refused and changes nothing", async () => {
    const mallory = new TelegramTestUser(h.api, 17009);
    await mallory.say("/start");
    const before = (await h.stores.tickets.byId(ticketId))!;
    const pressed = h.api.calls.length;
    await mallory.pressData(`rt:${ticketId}:n`);
    expect(await toastAfter(pressed)).toMatch(/Không tìm thấy báo cáo này trong các báo cáo của bạn/);
    const pressedNotFixed = h.api.calls.length;
    await mallory.pressData(`nf:${ticketId}`);
    expect(await toastAfter(pressedNotFixed)).toMatch(/Không tìm thấy báo cáo này/);
    const after = (await h.stores.tickets.byId(ticketId))!;
    expect(after.version).toBe(before.version);
    expect(after.ratings).toEqual(before.ratings);
  });

  it("not fixed, with a new photo and a note: the ticket reopens with fresh deadlines and its card comes back to the group", async () => {
    const u = alice();
    await u.say(`/ticket ${number}`);
    const detail = await u.expectReply(/Đánh giá của bạn: hài lòng/);
    expect(detail.text).toMatch(/đánh giá kết quả/);
    await notFixed(u, "#7a6f5a", "Vẫn chưa dán mã QR ở cửa", new RegExp(`Đã mở lại báo cáo ${number}.*không có mã`));
    const t = (await h.stores.tickets.byId(ticketId))!;
    expect(t.state).toBe("reopened");
    expect(t.acknowledgeBy).toEqual(new Date(h.now.value.getTime() + DAY));
    expect(t.history.at(-1)).toMatchObject({ action: "reopen", from: "no_violation", to: "reopened", note: "Vẫn chưa dán mã QR ở cửa" });

    await w.cards.drain();
    const photo = await g.expectReply(new RegExp(`^${number}$`));
    expect(photo.method).toBe("sendPhoto");
    const card = await g.expectReply(new RegExp(`📋 ${number} · đã mở lại`));
    expect(card.method).toBe("sendMessage");
    expect(card.text).toMatch(/Người dân bổ sung: 1 ảnh, 1 ghi chú\n↩️ Người dân báo chưa khắc phục \(lần 1\): Vẫn chưa dán mã QR ở cửa/);
    expect(card.buttons.filter((b) => b.data).map((b) => b.data)).toEqual([`tk:${ticketId}:ack`, `ph:${ticketId}:1`]);
    await w.residents.drain();
    await u.expectReply(new RegExp(`Báo cáo ${number} của bạn: đã mở lại\\.`));
  });

  it("a third not-fixed goes to the province's supervisors; after 14 days it is refused", async () => {
    const u = alice();
    await closeFromCard(u, /không có vi phạm/);
    await notFixed(u, "#6a5f4a", undefined, /Đã mở lại/);
    await w.cards.drain();
    await g.expectReply(new RegExp(`📋 ${number} · đã mở lại[\\s\\S]*\\(lần 2\\): —`));
    await closeFromCard(u, /không có vi phạm/);

    const supervisor = new TelegramTestUser(h.api, 17102);
    await notFixed(u, "#5a4f3a", "Lần thứ ba vẫn chưa có mã", /chuyển tới cán bộ giám sát/);
    const t = (await h.stores.tickets.byId(ticketId))!;
    expect(t.state).toBe("no_violation");
    expect(t.history.filter((e) => e.action === "reopen")).toHaveLength(2);
    expect(t.history.at(-1)).toMatchObject({ action: "escalate_reopen", note: "Lần thứ ba vẫn chưa có mã" });
    await w.residents.drain();
    await supervisor.expectReply(new RegExp(`📣 Báo cáo ${number} của Phường An Cựu, Thành phố Huế đã được người dân mở lại hai lần.*Lần thứ ba vẫn chưa có mã`));

    // Pressed again: the supervisors were told once for this closing. The refusal is the
    // press's own answer (its toast), not a message of its own.
    const messages = () => h.api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === u.chatId).length;
    const sent = messages();
    let pressed = h.api.calls.length;
    await u.pressData(`nf:${ticketId}`);
    expect(await toastAfter(pressed)).toMatch(/đã được chuyển tới cán bộ giám sát/);
    later(15 * DAY);
    pressed = h.api.calls.length;
    await u.pressData(`nf:${ticketId}`);
    expect(await toastAfter(pressed)).toMatch(/quá 14 ngày/);
    expect(messages()).toBe(sent);
    expect((await h.stores.tickets.byId(ticketId))!.version).toBe(t.version);
  });

  it("a photo and a note added from /mytickets to an open ticket show on the ward's card, in /ticket and in the evidence pack", async () => {
    const u = alice();
    const reported = await reportPlainly(u, { type: "no_poster", photo: await wall("#8a7f6a"), lat: 16.4571, lng: 107.6012, photoReply: /Không tìm thấy mã QR/ });
    const n2 = /[A-Z]{3}-\d{4}-\d{4}/.exec(reported)![0];
    await w.cards.drain();
    await g.expectReply(new RegExp(`📋 ${n2} · mới`));
    await u.say("/mytickets");
    await u.expectReply(/Các báo cáo của bạn/);
    await u.press(`➕ Bổ sung cho ${n2}`);
    await u.expectReply(/Gửi thêm ảnh cho báo cáo/);
    const extra = await wall("#4a3f2a");
    await u.sendPhoto(extra);
    await u.expectReply(/Đã nhận ảnh 1/);
    await u.press("r:done");
    await u.say("Ảnh chụp cửa bên hông");
    await u.expectReply(new RegExp(`Đã bổ sung 1 ảnh vào báo cáo ${n2}`));
    await w.cards.drain();
    const card = await g.expectReply(new RegExp(`📋 ${n2} · mới[\\s\\S]*Người dân bổ sung: 1 ảnh, 1 ghi chú\\nGhi chú mới nhất của người dân: Ảnh chụp cửa bên hông`));
    expect(card.method).toBe("editMessageText");
    const officer = new TelegramTestUser(h.api, 17101);
    await officer.say(`/ticket ${n2}`);
    await officer.expectReply(/Người dân bổ sung: 1 ảnh/);
    const t = (await h.stores.tickets.byNumber(n2))!;
    const added = (await h.stores.evidence.byId(t.additions[0]!.evidenceIds[0]!))!;
    await officer.say(`/evidence ${n2}`);
    await officer.expectReply(new RegExp(`SHA-256 ${added.sha256}`));
  });

  it("/report during a follow-up starts a report; /cancel ends a follow-up with nothing stored", async () => {
    const u = alice();
    await u.say("/mytickets");
    const list = await u.expectReply(/Các báo cáo của bạn/);
    const open = list.buttons.find((b) => b.data?.startsWith("ad:"))!;
    const before = (await h.stores.tickets.byId(open.data!.slice(3)))!;
    await u.press(open.data!);
    await u.expectReply(/Gửi thêm ảnh/);
    await u.say("/report");
    await u.expectReply(/vi phạm nào/);
    await u.say("/cancel");
    await u.expectReply(/Đã huỷ/);
    await u.pressData(open.data!);
    await u.expectReply(/Gửi thêm ảnh/);
    await u.say("/cancel");
    await u.expectReply(/Đã huỷ/);
    expect((await h.stores.tickets.byId(before.id))!.version).toBe(before.version);
  });

  it("a new ticket withdrawn by its only reporter closes as withdrawn and its card says so; after acknowledgement withdrawing is refused", async () => {
    const u = alice();
    const n3 = /[A-Z]{3}-\d{4}-\d{4}/.exec(await reportPlainly(u, { type: "unscannable", photo: await wall("#3a2f1a"), lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ }))![0];
    await w.cards.drain();
    await g.expectReply(new RegExp(`📋 ${n3} · mới`));
    await u.say(`/ticket ${n3}`);
    await u.expectReply(new RegExp(`Báo cáo ${n3}`));
    await u.press(/Rút báo cáo/);
    await u.expectReply(new RegExp(`Đã rút báo cáo ${n3}\\. Báo cáo đã được đóng`));
    await w.cards.drain();
    const card = await g.expectReply(new RegExp(`📋 ${n3} · đã rút`));
    expect(card.buttons.filter((b) => b.data)).toEqual([]);
    // A second withdrawal says it is done already, not that the ward has started.
    await u.say(`/withdraw ${n3}`);
    expect((await u.expectReply(new RegExp(n3))).text).toBe(`Bạn đã rút báo cáo ${n3} rồi; không cần rút lại.`);
    // The /ticket message's button pressed again: the refusal is that press's toast, not a message.
    const sent = h.api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === u.chatId).length;
    const pressed = h.api.calls.length;
    await u.press(/Rút báo cáo/);
    expect(await toastAfter(pressed)).toBe(`Bạn đã rút báo cáo ${n3} rồi; không cần rút lại.`);
    expect(h.api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === u.chatId)).toHaveLength(sent);

    const n4 = /[A-Z]{3}-\d{4}-\d{4}/.exec(await reportPlainly(u, { type: "wrong_info", photo: await wall("#2a1f0a"), lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ }))![0];
    await w.cards.drain();
    const c4 = await g.expectReply(new RegExp(`📋 ${n4} · mới`));
    await g.press(c4.buttons[0]!.data!);
    await g.expectReply(new RegExp(`📋 ${n4} · đã tiếp nhận`));
    const before = (await h.stores.tickets.byNumber(n4))!;
    await u.say(`/withdraw ${n4}`);
    await u.expectReply(/Không thể rút báo cáo .*đã tiếp nhận/);
    const after = (await h.stores.tickets.byNumber(n4))!;
    expect([after.state, after.version, after.reports[0]!.withdrawnAt]).toEqual(["acknowledged", before.version, undefined]);
  });
});
