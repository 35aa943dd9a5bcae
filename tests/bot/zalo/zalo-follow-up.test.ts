import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { wardOfficers } from "../../support/ward-officers.js";
import { startZaloWorld, type ZaloWorld } from "../../support/zalo-world.js";

const db = useTestDatabase();
let h: BotHarness;
let world: ZaloWorld;
let w: ReturnType<ReturnType<typeof wardOfficers>["workers"]>;
let g: TelegramTestUser;
const GROUP = -100178;
const DAY = 24 * 3600e3;

// The ward's officers work on Telegram; the resident reports on Zalo; both bots share the database and the clock.
beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
  // A long dialogue sends more than the 20 messages in 10 s a resident may; the limit is not what is tested here.
  world = await startZaloWorld(db(), { ticketClock: () => h.now.value, rateLimit: { limit: 200, timeFrameMs: 10_000 } });
  const ward = wardOfficers(h);
  await ward.invite(17201, { role: "officer", wardCode: "19815" });
  await ward.invite(17202, { role: "supervisor", provinceCode: "46" });
  g = new TelegramTestUser(h.api, 17201, "vi", GROUP);
  await g.say("/bindgroup");
  await g.expectReply(/đã được liên kết/);
  w = ward.workers({ zalo: world.outbound.residentSender });
});
afterAll(async () => {
  await world?.close();
  await h?.stop();
});

const wall = async (background: string) => world.fake.hostAttachment(await sharp({ create: { width: 900, height: 700, channels: 3, background } }).jpeg().toBuffer(), "image/jpeg");
const later = (ms: number) => (h.now.value = new Date(h.now.value.getTime() + ms));
type Resident = ReturnType<ZaloWorld["resident"]>;

async function report(u: Resident, at: [number, number]): Promise<string> {
  await u.text("/report");
  await u.press("r:t:no_poster");
  await u.image(await wall("#9a8f7a"));
  u.expectReply(/Đã nhận ảnh 1/);
  await u.press("r:done");
  await u.location(...at);
  await u.press("r:skip");
  u.expectReply(/Kiểm tra lại báo cáo/);
  await u.press("r:ok");
  return /[A-Z]{3}-\d{4}-\d{4}/.exec(u.expectReply(/Số báo cáo của bạn/))![0];
}

describe("residents close the loop on Zalo", () => {
  const u = () => world.resident("8400000000000017001");
  let number = "";
  let id = "";

  /** The officer acknowledges and closes on the card in the group; the Zalo reporter gets the closing with its buttons. */
  async function close(r: Resident) {
    for (const [button, shown] of [["ack", "đã tiếp nhận"], ["nv", "không có vi phạm"]] as const) {
      await g.press(`tk:${id}:${button}`);
      await g.expectReply(new RegExp(`📋 ${number} · ${shown}`));
    }
    await w.residents.drain();
    const sent = r.replies().findLast((m) => /không có vi phạm\.\nBạn có hài lòng/.test(String(m.text)));
    expect(sent?.attachment?.payload?.buttons?.map((b) => b.payload)).toEqual([`#q:rt:${id}:y`, `#q:rt:${id}:n`, `#q:nf:${id}`]);
  }

  async function notFixed(r: Resident, note: string, answer: RegExp) {
    await r.press(`nf:${id}`);
    r.expectReply(/Gửi ảnh mới/);
    await r.image(await wall("#6a5f4a"));
    r.expectReply(/Đã nhận ảnh 1/);
    await r.press("r:done");
    r.expectReply(/Mô tả ngắn/);
    await r.text(note);
    r.expectReply(answer);
  }

  it("rates a closing with the buttons under its status message and changes the rating; a forged press is refused", async () => {
    const r = u();
    number = await report(r, [16.4552, 107.6002]);
    await w.cards.drain();
    id = /^tk:([0-9a-f]{24}):ack$/.exec((await g.expectReply(new RegExp(`📋 ${number} · mới`))).buttons[0]!.data!)![1]!;
    await close(r);
    await r.press(`rt:${id}:n`);
    r.expectReply(/chưa hài lòng/);
    await r.press(`rt:${id}:y`);
    r.expectReply(/: hài lòng\./);
    const t = (await h.stores.tickets.byId(id))!;
    expect(t.ratings.map((x) => [x.satisfied, x.outcome])).toEqual([[true, "no_violation"]]);

    const mallory = world.resident("8400000000000017009");
    await mallory.press(`rt:${id}:n`);
    mallory.expectReply(/Không tìm thấy báo cáo này/);
    expect((await h.stores.tickets.byId(id))!.version).toBe(t.version);
  });

  it("not fixed with a new photo reopens the ticket and its card comes back to the group; photos are added to it from /ticket", async () => {
    const r = u();
    await notFixed(r, "Vẫn chưa dán mã", new RegExp(`Đã mở lại báo cáo ${number}`));
    await w.cards.drain();
    // The group's older copies are brought up to date first, then the photo and a new card follow.
    expect((await g.expectReply(new RegExp(`^${number}$`))).method).toBe("sendPhoto");
    const card = await g.expectReply(new RegExp(`📋 ${number} · đã mở lại[\\s\\S]*\\(lần 1\\): Vẫn chưa dán mã`));
    expect(card.method).toBe("sendMessage");
    expect((await h.stores.tickets.byId(id))!.reports[0]!.channel).toBe("zalo");

    await r.text(`/ticket ${number}`);
    const detail = r.replies().findLast((m) => /Báo cáo HUE/.test(String(m.text)))!;
    expect(detail.attachment?.payload?.buttons?.map((b) => b.payload)).toContain(`#q:ad:${id}`);
    await r.press(`ad:${id}`);
    r.expectReply(/Gửi thêm ảnh/);
    await r.image(await wall("#4a3f2a"));
    r.expectReply(/Đã nhận ảnh 1/);
    await r.press("r:done");
    await r.press("r:skip");
    r.expectReply(new RegExp(`Đã bổ sung 1 ảnh vào báo cáo ${number}`));
    await w.cards.drain();
    await g.expectReply(/Người dân bổ sung: 2 ảnh, 1 ghi chú/);
  });

  it("after two reopenings the third goes to the supervisors, and 14 days after a closing it is refused", async () => {
    const r = u();
    const supervisor = new TelegramTestUser(h.api, 17202);
    await close(r);
    await notFixed(r, "Lần hai", /Đã mở lại/);
    await w.cards.drain();
    await g.expectReply(/\(lần 2\): Lần hai/);
    await close(r);
    await notFixed(r, "Lần ba", /chuyển tới cán bộ giám sát/);
    await w.residents.drain();
    await supervisor.expectReply(new RegExp(`📣 Báo cáo ${number} .*mở lại hai lần.*Lần ba`));
    const version = (await h.stores.tickets.byId(id))!.version;
    later(15 * DAY);
    await r.press(`nf:${id}`);
    r.expectReply(/quá 14 ngày/);
    expect((await h.stores.tickets.byId(id))!).toMatchObject({ state: "no_violation", version });
  });

  it("a new ticket is withdrawn on Zalo, its card says so; once acknowledged, withdrawing is refused", async () => {
    const r = u();
    const n = await report(r, [16.4601, 107.5952]);
    await w.cards.drain();
    const c = await g.expectReply(new RegExp(`📋 ${n} · mới`));
    await r.text(`/withdraw ${n}`);
    r.expectReply(new RegExp(`Đã rút báo cáo ${n}\\. Báo cáo đã được đóng`));
    await w.cards.drain();
    expect((await g.expectReply(new RegExp(`📋 ${n} · đã rút`))).buttons.filter((b) => b.data)).toEqual([]);
    expect(c.buttons.filter((b) => b.data?.startsWith("tk:"))).toHaveLength(1);

    const n2 = await report(r, [16.4601, 107.5952]);
    await w.cards.drain();
    const c2 = await g.expectReply(new RegExp(`📋 ${n2} · mới`));
    await g.press(c2.buttons[0]!.data!);
    await g.expectReply(new RegExp(`📋 ${n2} · đã tiếp nhận`));
    await r.text(`/withdraw ${n2}`);
    r.expectReply(/Không thể rút báo cáo/);
    expect((await h.stores.tickets.byNumber(n2))!.state).toBe("acknowledged");
  });
});
