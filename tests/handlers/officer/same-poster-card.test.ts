import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { wardOfficers } from "../../support/ward-officers.js";

/** Issue 24 on the ward's card: possible duplicates with a join button, and a report split out by a press. */
const db = useTestDatabase();
let h: BotHarness;
const GROUP = -100124;
const THUAN_HOA = "19789";

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) =>
    a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config, directory: a.deps.directory })),
  );
  await h.start();
});
afterAll(() => h?.stop());

const entrance = (background: string) => sharp({ create: { width: 640, height: 480, channels: 3, background } }).jpeg().toBuffer();
const noPoster = async (userId: number, lat: number, lng: number, background = "#8a7f6a") =>
  /[A-Z]{3}-\d{4}-\d{4}/.exec(await reportPlainly(new TelegramTestUser(h.api, userId), { type: "no_poster", photo: await entrance(background), lat, lng, photoReply: /Không tìm thấy mã QR/ }))![0];

async function answerTo(since: number): Promise<string> {
  const call = await h.api.waitForCall((c) => c.method === "answerCallbackQuery", since);
  return String(call.params.text ?? "");
}

describe("the ward's card and the same poster", () => {
  let inGroup: TelegramTestUser;
  const w = () => wardOfficers(h).workers();

  beforeAll(async () => {
    await wardOfficers(h).invite(24101, { role: "officer", wardCode: THUAN_HOA });
    inGroup = new TelegramTestUser(h.api, 24101, "vi", GROUP);
    await inGroup.say("/bindgroup");
    await inGroup.expectReply(/đã được liên kết với Phường Thuận Hoá/);
  });

  it("a second report beside the first joins it; the officer splits it out with the card's button: its own ticket, deadlines, both histories, the reporter told, audited", async () => {
    const number = await noPoster(24001, 16.452, 107.57);
    expect(await noPoster(24002, 16.4521, 107.5701, "#6a7f8a")).toBe(number);
    await w().cards.drain();
    // The card as the bot edited it for the second report, with a split button per report.
    const card = await inGroup.expectReply(/Số báo cáo gộp: 2/);
    expect(card.buttons.map((b) => b.text)).toContain("✂️ Tách báo cáo #2 thành báo cáo riêng");
    const before = h.api.calls.length;
    await inGroup.press("✂️ Tách báo cáo #2 thành báo cáo riêng");
    const answer = await answerTo(before);
    expect(answer).toMatch(new RegExp(`^Đã tách báo cáo #2 thành báo cáo riêng [A-Z]{3}-\\d{4}-\\d{4} \\(Phường Thuận Hoá\\)\\.$`));
    const splitNumber = /[A-Z]{3}-\d{4}-\d{4}/.exec(answer)![0];

    const [kept, split] = await Promise.all([h.stores.tickets.byNumber(number), h.stores.tickets.byNumber(splitNumber)]);
    expect(kept!.reports).toHaveLength(1);
    expect(kept!.history.at(-1)).toMatchObject({ action: "split_report", actorRole: "officer", note: "#2" });
    expect(split).toMatchObject({ wardCode: THUAN_HOA, state: "new", violationType: "no_poster", location: { lat: 16.4521, lng: 107.5701 } });
    expect(split!.history[0]).toMatchObject({ action: "split_in", note: number });
    expect(split!.acknowledgeBy).toBeInstanceOf(Date);
    expect(split!.closeBy).toBeInstanceOf(Date);
    const reporter2 = await h.stores.accounts.ensure("telegram", "24002");
    expect(split!.reports.map((r) => r.accountId)).toEqual([reporter2.id]);
    expect((await h.stores.audit.of("ticket", kept!.id)).map((e) => e.action)).toContain("split_report");
    expect((await h.stores.audit.of("ticket", split!.id)).map((e) => e.action)).toContain("split_in");

    // The pressed card now shows one report; the new ticket's card reaches the ward; the reporter is told.
    await inGroup.expectReply(/Số báo cáo gộp: 1/);
    await w().cards.drain();
    await inGroup.expectReply(new RegExp(`📋 ${splitNumber} · mới`));
    const bob = new TelegramTestUser(h.api, 24002);
    await w().residents.drain();
    await bob.expectReply(new RegExp(`tách báo cáo của bạn khỏi báo cáo ${number}: giờ đây là báo cáo riêng ${splitNumber}, do Phường Thuận Hoá, Thành phố Huế xử lý`));

    // An old copy of the card (its version passed) splits nothing.
    const stale = h.api.calls.length;
    await inGroup.pressData(`sp:${kept!.id}:0:v${kept!.version - 1}`);
    expect(await answerTo(stale)).toMatch(/vừa cập nhật/);
  });

  it("a report of the same type 100 m away is its own ticket whose card lists the first as a possible duplicate; the officer joins them with one press", async () => {
    const first = await noPoster(24003, 16.445, 107.56);
    const second = await noPoster(24004, 16.4459, 107.56, "#5a6a7a");
    expect(second).not.toBe(first);
    await w().cards.drain();
    const card = await inGroup.expectReply(new RegExp(`📋 ${second} · mới[\\s\\S]*Có thể trùng: ${first} \\(cùng loại, cách 100 m\\)`));
    expect(card.buttons.map((b) => b.text)).toContain(`🔗 Gộp ${second} vào ${first}`);
    const before = h.api.calls.length;
    await inGroup.press(`🔗 Gộp ${second} vào ${first}`);
    expect(await answerTo(before)).toBe(`Đã gộp: ${second} được đóng là trùng với ${first}.`);
    expect(await h.stores.tickets.byNumber(second)).toMatchObject({ state: "duplicate", duplicateOf: first });
    await inGroup.expectReply(new RegExp(`📋 ${second} · trùng báo cáo khác`));
  });

  it("a resident cannot press an officer's split or join", async () => {
    const number = await noPoster(24005, 16.449, 107.565);
    expect(await noPoster(24006, 16.449, 107.5651)).toBe(number);
    const t = (await h.stores.tickets.byNumber(number))!;
    const before = h.api.calls.length;
    await new TelegramTestUser(h.api, 24005).pressData(`sp:${t.id}:1:v${t.version}`);
    expect(await answerTo(before)).toMatch(/không có quyền/);
    expect((await h.stores.tickets.byNumber(number))!.reports).toHaveLength(2);
  });
});
