import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../support/database.js";
import { startZaloWorld, type ZaloWorld } from "../../support/zalo-world.js";

const db = useTestDatabase();
let world: ZaloWorld;

beforeAll(async () => {
  world = await startZaloWorld(db(), { ticketClock: () => new Date("2026-11-23T03:00:00Z") });
});
afterAll(() => world?.close());

/** A venue's entrance with no poster at all: a plain wall, hosted where Zalo keeps attachments. */
async function entrance(): Promise<string> {
  const wall = await sharp({ create: { width: 1280, height: 960, channels: 3, background: "#b5651d", noise: { type: "gaussian", mean: 90, sigma: 30 } } }).jpeg().toBuffer();
  return world.fake.hostAttachment(wall, "image/jpeg");
}

/** A missing poster at An Cựu with a note, through Zalo; returns the summary and the ticket number. */
async function report(u: ReturnType<ZaloWorld["resident"]>, note: string): Promise<{ summary: string; number: string }> {
  await u.text("/report");
  await u.press("r:t:no_poster");
  await u.image(await entrance());
  u.expectReply(/Đã nhận ảnh 1/);
  await u.press("r:done");
  await u.location(16.455, 107.6);
  u.expectReply(/ghi chú/);
  await u.text(note);
  const summary = u.expectReply(/Kiểm tra lại báo cáo/);
  await u.press("r:ok");
  return { summary, number: /HUE-2611-\d{4}/.exec(u.expectReply(/Đã gửi!/))![0] };
}

describe("a Zalo resident sees what is public, what is held, and has it erased", () => {
  it("the summary names what becomes public; /mydata shows the Zalo name and note; /forgetme erases them and Zalo is never asked the name again", async () => {
    const userId = "8400000000000002601";
    const other = "8400000000000002602";
    world.fake.setProfile(userId, "Trần Thị Zalo");
    world.fake.setProfile(other, "Lê Văn Khác");
    const u = world.resident(userId);
    const v = world.resident(other);

    const mine = await report(u, "Nhà tôi ở số 5 kiệt 12, gọi 0905111222");
    expect(mine.summary.split("\n").at(-1)).toMatch(/^🔒 Công khai: .*Chỉ phường\/xã xem: ghi chú, liên hệ, vị trí chính xác và các ảnh khác của bạn\.$/);
    // The other resident reports the same poster: their report joins the same ticket.
    const theirs = await report(v, "Ghi chú của người khác");
    expect(theirs.number).toBe(mine.number);

    await u.text("/mydata");
    const held = u.expectReply(/Dữ liệu của bạn trong hệ thống/);
    expect(held).toMatch(/tên Trần Thị Zalo · số điện thoại \(không có\) · qua Zalo/);
    expect(held).toContain(`${mine.number} · Không dán mã QR · mới`);
    expect(held).toContain("– ghi chú: «Nhà tôi ở số 5 kiệt 12, gọi 0905111222»");
    expect(held.length).toBeLessThanOrEqual(2000);

    await u.text("/forgetme");
    const ask = u.replies().findLast((m) => /Xoá dữ liệu của bạn\?/.test(String(m.text ?? "")));
    expect(JSON.stringify(ask)).toMatch(/Xoá dữ liệu của tôi[\s\S]*Giữ nguyên/);
    await u.press("fm:yes");
    expect(u.expectReply(/Đã xoá dữ liệu của bạn/)).toMatch(/tên: đã xoá[\s\S]*1 ghi chú và 0 lý do đánh giá/);

    const account = (await world.stores.accounts.ensure("zalo", String((await world.stores.zaloUsers.byId(userId))!.chatId)))!;
    expect(account.displayName).toBeUndefined();
    expect((await world.stores.zaloUsers.byId(userId))!.displayName).toBe("");
    const t = (await world.stores.tickets.byNumber(mine.number))!;
    expect(t.reports[0]!.note).toBeUndefined();
    expect(t.reports[0]!.accountId).not.toBe(account.id);
    expect(t.reports[0]!.channel).toBe("zalo");
    expect(JSON.stringify(t)).not.toContain("0905111222");
    // The other Zalo resident, on the same ticket, keeps theirs.
    expect(t.reports[1]!.note).toBe("Ghi chú của người khác");
    expect((await world.stores.zaloUsers.byId(other))!.displayName).toBe("Lê Văn Khác");

    // Writing again: greeted without the name, and Zalo is not asked for it again.
    const lookups = world.fake.profileLookups(userId);
    await u.text("/start");
    const hello = u.expectReply(/Xin chào/);
    expect(hello).toMatch(/^Xin chào bạn!/);
    expect(hello).not.toContain("Trần Thị Zalo");
    expect(world.fake.profileLookups(userId)).toBe(lookups);
    await u.text("/mydata");
    expect(u.expectReply(/Dữ liệu của bạn/)).toMatch(/tên \(không có\)[\s\S]*Báo cáo: 0/);
  });
});
