import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttachmentTrouble } from "../../../simulator/zalo-emulator.js";
import { useTestDatabase } from "../../support/database.js";
import { ZALO_TEST_KEYS } from "../../support/zalo.js";
import { startZaloWorld, type ZaloWorld } from "../../support/zalo-world.js";

const db = useTestDatabase();
let world: ZaloWorld;
let offsetMs = 0;
const LIMIT = 2_000_000;

beforeAll(async () => {
  world = await startZaloWorld(db(), {
    downloads: { maxBytes: LIMIT, connectMs: 2_000, totalMs: 1_500 },
    zaloClock: () => new Date(Date.now() + offsetMs),
  });
});
afterAll(() => world?.close());

const refreshes = () => world.fake.calls.filter((c) => c.path === "/v4/oa/access_token").length;
const photo = (bytes = 40_000) =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
    .jpeg({ quality: 90 })
    .toBuffer()
    .then((b) => Buffer.concat([b, Buffer.alloc(Math.max(0, bytes - b.length))]));

describe("Zalo as tried from outside", () => {
  it.each([
    { code: -220, meaning: "access token expired or removed" },
    { code: -124, meaning: "access token invalid, as ZNS says it" },
  ])("$code ($meaning) refreshes once and the reply still arrives", async ({ code }) => {
    const u = world.resident(`84000000000000007${-code}`);
    await u.text("/help");
    u.expectReply(/\/report/);
    const before = refreshes();
    world.fake.revokeAccessTokens(code);
    await u.text("/help");
    expect(u.replies()).toHaveLength(1);
    expect(refreshes()).toBe(before + 1);
    expect(world.fake.calls.filter((c) => c.error === code)).toHaveLength(1);
  });

  it.each<{ name: string; trouble: AttachmentTrouble; size?: number; reason: RegExp }>([
    { name: "answers 404", trouble: { kind: "status", status: 404 }, reason: /không còn trên máy chủ/ },
    { name: "stalls past the timeout", trouble: { kind: "stall", afterBytes: 1000 }, reason: /quá lâu/ },
    { name: "is larger than the limit, by its header", trouble: { kind: "status", status: 200 }, size: LIMIT + 500_000, reason: /quá lớn/ },
    { name: "is larger than the limit, without a header", trouble: { kind: "no-length" }, size: LIMIT + 500_000, reason: /quá lớn/ },
  ])("a photo whose download $name gets a reason, and the report goes on at the photo step", async ({ trouble, size, reason }) => {
    const u = world.resident(`84000000000000008${String(size ?? 0).length}${trouble.kind.length}`);
    await u.text("/report");
    await u.press("r:t:no_poster");
    u.expectReply(/Gửi ảnh lối vào/);
    // A 200 "trouble" is no trouble: the oversized file is served whole, with its true Content-Length.
    const hosted = trouble.kind === "status" && trouble.status === 200 ? undefined : trouble;
    await u.image(world.fake.hostAttachment(await photo(size), "image/jpeg", hosted));
    expect(u.expectReply(reason)).toBeTruthy();
    await u.image(world.fake.hostAttachment(await photo(), "image/jpeg"));
    u.expectReply(/Đã nhận ảnh 1/);
    await u.press("r:cancel");
    expect(u.replies().length).toBeGreaterThan(0);
  });

  it("a tap on a button of a finished report is answered with a message", async () => {
    const u = world.resident("8400000000000000702");
    await u.press("r:ok");
    expect(u.replies().map((m) => m.text)).toEqual([world.t("vi", "fallback-button")]);
  });

  it("the greeting uses the resident's Zalo name, asked of Zalo once", async () => {
    const u = world.resident("8400000000000000703");
    world.fake.setProfile("8400000000000000703", "Lê Thị Hoa");
    await u.follow();
    expect(u.expectReply(/Xin chào/)).toContain("Lê Thị Hoa");
    await u.text("/start");
    expect(u.expectReply(/Xin chào/)).toContain("Lê Thị Hoa");
    expect(world.fake.profileLookups("8400000000000000703")).toBe(1);
  });

  it("the free reply window counts from when the resident wrote, not from when a backlog got to it", async () => {
    const userId = "8400000000000000704";
    const u = world.resident(userId);
    // Stored by a process that died before handling it…
    const before = Date.now();
    await u.text("/help", `${world.base}/zalo-then-crash`);
    const wrote = Date.now();
    // …and handled 47 hours later, after a long outage.
    offsetMs = 47 * 3600_000;
    await world.inbound.worker.drain();
    u.expectReply(/\/report/);
    const user = (await world.outbound.users.byId(userId))!;
    // Stamped while the webhook stored it, not 47 hours later when it was handled.
    expect(user.lastInboundAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(user.lastInboundAt!.getTime()).toBeLessThanOrEqual(wrote);
    // Two hours on, 49 hours after the resident wrote: the window is closed.
    offsetMs = wrote + 49 * 3600_000 - Date.now();
    expect((await world.outbound.sender.deliver(userId, { kind: "text", text: "Phiếu đã đóng" })).kind).not.toBe("window");
    offsetMs = 0;
  });

  it("a refresh token Zalo refuses stops refreshing and shows on the status, instead of being retried forever", async () => {
    expect(await world.outbound.tokenStatus()).toEqual({ ok: true });
    world.fake.refuseRefreshTokens();
    world.fake.revokeAccessTokens(-220);
    const u = world.resident("8400000000000000705");
    await u.text("/help");
    const afterFirst = refreshes();
    await u.text("/help");
    await u.text("/help");
    expect(refreshes()).toBe(afterFirst);
    expect(u.replies()).toEqual([]);
    const status = await world.outbound.tokenStatus();
    expect(status.ok).toBe(false);
    expect(JSON.stringify(status)).toContain(String(-14014));
    void ZALO_TEST_KEYS;
  });
});
