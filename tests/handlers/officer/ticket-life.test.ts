import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import type { Role } from "../../../models/account.js";
import { createInvitation, type InviteScope } from "../../../services/access/invitations.js";
import { openTicket } from "../../../services/tickets/open-ticket.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { wardOfficers } from "../../support/ward-officers.js";

const db = useTestDatabase();
let h: BotHarness;
const GROUP = -100123;
const AN_CUU = "19815";

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) =>
    a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })),
  );
  await h.start();
});
afterAll(() => h?.stop());

const workers = () => wardOfficers(h).workers();

async function invited(user: TelegramTestUser, scope: InviteScope, role: Role): Promise<void> {
  const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, scope, "test");
  await user.say(`/start inv_${token}`);
  await user.expectReply(role === "officer" ? /Bạn là cán bộ của Phường [^,]+, Thành phố Huế\./ : /đội xử lý vi phạm của Thành phố Huế/);
}

async function answerTo(since: number): Promise<string> {
  const call = await h.api.waitForCall((c) => c.method === "answerCallbackQuery", since);
  return String(call.params.text ?? "");
}

describe("a ticket's life handled by the ward's officer on Telegram", () => {
  let number = "";

  it("the whole life: card in the ward group, acknowledge, inspect, confirm, enforcement warning; the reporter hears each step", async () => {
    const alice = new TelegramTestUser(h.api, 7001);
    // The resident reports a missing poster in An Cựu.
    const photo = await sharp({ create: { width: 900, height: 700, channels: 3, background: "#9a8f7a" } }).jpeg().toBuffer();
    const reported = await reportPlainly(alice, { type: "no_poster", photo, lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ });
    number = /[A-Z]{3}-\d{4}-\d{4}/.exec(reported)![0];

    // An invited officer binds the ward's group; an officer of another ward joins it too.
    const bao = new TelegramTestUser(h.api, 8001);
    await invited(bao, { role: "officer", wardCode: AN_CUU }, "officer");
    const outsider = new TelegramTestUser(h.api, 8002);
    await invited(outsider, { role: "officer", wardCode: "19753" }, "officer");
    const inGroup = new TelegramTestUser(h.api, 8001, "vi", GROUP);
    await inGroup.say("/bindgroup");
    await inGroup.expectReply(/đã được liên kết với Phường An Cựu, Thành phố Huế\./);

    // The card reaches the group and the officer, without the reporter's name.
    const w = workers();
    expect(await w.cards.drain()).toBeGreaterThanOrEqual(1);
    const card = await inGroup.expectReply(new RegExp(`📋 ${number} · mới`));
    expect(card.text).toMatch(/Không dán mã QR/);
    // The place is a button in words, not a raw map address in the text.
    expect(card.text).not.toMatch(/openstreetmap/);
    expect(card.buttons.find((b) => b.url)).toMatchObject({ text: "📍 Xem vị trí trên bản đồ", url: expect.stringMatching(/openstreetmap\.org\/\?mlat=16\.4552/) });
    expect(card.text).toMatch(/Số báo cáo gộp: 1/);
    expect(card.text).not.toMatch(/Resident 7001/);
    await bao.expectReply(new RegExp(`📋 ${number}`));
    expect(h.api.calls.filter((c) => c.method === "sendPhoto" && c.params.caption === number && [String(GROUP), "8001"].includes(String(c.params.chat_id)))).toHaveLength(2);
    const ticketId = /^tk:([0-9a-f]{24}):ack$/.exec(card.buttons[0]!.data!)![1]!;

    // The outsider's press is refused and changes nothing.
    const before = h.api.calls.length;
    await new TelegramTestUser(h.api, 8002, "vi", GROUP).pressData(`tk:${ticketId}:ack`, 1);
    expect(await answerTo(before)).toMatch(/không có quyền/);
    expect((await h.stores.tickets.byId(ticketId))!.state).toBe("new");

    // Contact details only after acknowledging.
    await bao.say(`/contact ${number}`);
    await bao.expectReply(/sau khi đã tiếp nhận/);

    // The ward's officer moves the ticket on; the card changes in place, the reporter is told.
    for (const [button, state] of [["ack", "đã tiếp nhận"]] as const) {
      await inGroup.press(`tk:${ticketId}:${button}`);
      const edited = await inGroup.expectReply(new RegExp(`📋 ${number} · ${state}`));
      expect(edited.method).toBe("editMessageText");
      // The card says who took the step.
      expect(edited.text).toMatch(/tiếp nhận: Resident 8001, \d\d:\d\d/);
      await w.residents.drain();
      await alice.expectReply(new RegExp(`Báo cáo ${number} của bạn: ${state}`));
    }

    // In private, the officer sees the reporter's contact (audited), adds a note and writes to them.
    await bao.say(`/contact ${number}`);
    expect((await bao.expectReply(/Liên hệ người báo cáo/)).text).toMatch(/Người dân #1: Resident 7001/);
    await bao.say(`/note ${number} Đã đến nơi, chưa thấy mã QR.`);
    await bao.expectReply(/Đã thêm ghi chú/);
    await bao.say(`/reply ${number} Cảm ơn bạn, chúng tôi đã xác minh.`);
    await bao.expectReply(/Đã gửi lời nhắn/);
    await w.residents.drain();
    await alice.expectReply(/Cán bộ phường\/xã nhắn về báo cáo .*Cảm ơn bạn/);

    // Inspection and the finding, on the same card.
    for (const [button, state] of [["insp", "đang kiểm tra"], ["cv", "đã xác nhận vi phạm"]] as const) {
      await inGroup.press(`tk:${ticketId}:${button}`);
      const edited = await inGroup.expectReply(new RegExp(`📋 ${number} · ${state}`));
      expect(edited.method).toBe("editMessageText");
      await w.residents.drain();
      await alice.expectReply(new RegExp(`Báo cáo ${number} của bạn: ${state}`));
    }

    // Enforcement of the province decides a warning; suspension is refused without a venue.
    const enf = new TelegramTestUser(h.api, 8003);
    await invited(enf, { role: "enforcement", provinceCode: "46" }, "enforcement");
    await enf.say(`/ticket ${number}`);
    await enf.expectReply(new RegExp(`📋 ${number}`));
    const t0 = h.api.calls.length;
    await enf.press(`tk:${ticketId}:es`);
    expect(await answerTo(t0)).toMatch(/chưa gắn với cơ sở/);
    await enf.press(`tk:${ticketId}:ew`);
    await enf.expectReply(new RegExp(`📋 ${number}`));
    const t = (await h.stores.tickets.byId(ticketId))!;
    expect(t.outcome).toEqual({ kind: "measure", measure: "warning" });

    // The evidence pack: the original photo as a document whose caption carries its stored hash.
    const evidence = (await h.stores.evidence.byId(t.reports[0]!.evidenceIds[0]!))!;
    await enf.say(`/evidence ${number}`);
    await enf.expectReply(new RegExp(`SHA-256 ${evidence.sha256}`));
    const sent = h.api.calls.find((c) => c.method === "sendDocument" && String(c.params.caption).includes(evidence.sha256))!;
    const attached = sent.params[String(sent.params.document).replace("attach://", "")] as { bytes: Buffer };
    expect(createHash("sha256").update(attached.bytes).digest("hex")).toBe(evidence.sha256);
    await enf.expectReply(/Hồ sơ chứng cứ/);
    // The officer's own views of the ward, a minute later.
    h.now.value = new Date(h.now.value.getTime() + 60_000);
    await bao.say("/queue");
    await bao.expectReply(/Không có báo cáo nào đang mở/);
    await bao.say("/stats");
    await bao.expectReply(/^Thống kê[^\n]*\nPhường An Cựu, Thành phố Huế: mở 1, đóng 1, .*cơ sở vi phạm 0\/1/);
    await bao.say("/search Bệnh viện");
    await bao.expectReply(/Không tìm thấy báo cáo nào/);
    expect((await h.stores.audit.of("ticket", ticketId)).map((e) => e.action)).toEqual([
      "acknowledge",
      "view_contact",
      "add_note",
      "message_reporter",
      "start_inspection",
      "close",
      "enforce",
      "evidence_sent",
    ]);
  });

  it("a ticket transferred with /transfer reaches the receiving ward's officers as a new card", async () => {
    const officer = new TelegramTestUser(h.api, 8201);
    await invited(officer, { role: "officer", wardCode: AN_CUU }, "officer");
    const receiving = new TelegramTestUser(h.api, 8202);
    await invited(receiving, { role: "officer", wardCode: "19777" }, "officer");
    const at = h.now.value;
    const t = await openTicket(h.stores, {
      violationType: "wrong_info",
      wardCode: AN_CUU,
      provinceCode: "46",
      verdict: "no_code",
      report: { accountId: "r", channel: "telegram", violationType: "wrong_info", at, evidenceIds: [], flags: [] },
      event: { at, actorRole: "system", action: "opened", to: "new" },
    }, "HUE-2611-0990");
    // The receiving ward is named as people write it; an unknown name and a code-less typo are answered in words.
    await officer.say(`/transfer ${t.number} Hoa Hong`);
    await officer.expectReply(/Không tìm thấy phường\/xã «Hoa Hong» trong tỉnh của báo cáo/);
    await officer.say(`/transfer ${t.number} Phu`);
    await officer.expectReply(/Ý bạn là: .*Phường Phú Xuân/);
    expect((await h.stores.tickets.byNumber(t.number))!.state).toBe("new");
    await officer.say(`/transfer ${t.number} p. vy da`);
    await officer.expectReply(/Đã chuyển HUE-2611-0990 sang Phường Vỹ Dạ, Thành phố Huế \(báo cáo mới: HUE-2611-0990-T\)/);
    await workers().cards.drain();
    const card = await receiving.expectReply(/📋 HUE-2611-0990-T · mới/);
    expect(card.text).toMatch(/Phường\/xã: Phường Vỹ Dạ, Thành phố Huế/);
    expect((await h.stores.tickets.byNumber(t.number))!.state).toBe("not_our_ward");
  });

  it("/help shows an officer the resident's commands and then the ward officer's own; a resident sees no staff command", async () => {
    const officer = new TelegramTestUser(h.api, 8301);
    await invited(officer, { role: "officer", wardCode: AN_CUU }, "officer");
    await officer.say("/help");
    const help = (await officer.expectReply(/\/report — báo cáo vi phạm/)).text;
    expect(help).toMatch(/\/withdraw HUE-2611-0042 — rút báo cáo[\s\S]*Lệnh của cán bộ phường\/xã[\s\S]*\/queue — [\s\S]*\/transfer <số> <tên phường\/xã>[\s\S]*\/web — /);
    const resident = new TelegramTestUser(h.api, 8302);
    await resident.say("/help");
    const plain = (await resident.expectReply(/\/report — báo cáo vi phạm/)).text;
    expect(plain).toMatch(/\/withdraw/);
    expect(plain).not.toMatch(/\/queue|\/web|Lệnh của cán bộ/);
  });

  it("an invitation link opened a second time is refused", async () => {
    const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, { role: "officer", wardCode: AN_CUU }, "test");
    const first = new TelegramTestUser(h.api, 8101);
    await first.say(`/start inv_${token}`);
    await first.expectReply(/Bạn là cán bộ của Phường An Cựu, Thành phố Huế/);
    const second = new TelegramTestUser(h.api, 8102);
    await second.say(`/start inv_${token}`);
    await second.expectReply(/đã được sử dụng/);
  });
});
