import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendSignedZaloEvent, type ZaloTrouble } from "../../../simulator/zalo-emulator.js";
import { useTestDatabase } from "../../support/database.js";
import { ZALO_TEST_KEYS } from "../../support/zalo.js";
import { startZaloWorld, type ZaloWorld } from "../../support/zalo-world.js";

const db = useTestDatabase();
let world: ZaloWorld;

beforeAll(async () => {
  world = await startZaloWorld(db());
});
afterAll(() => world?.close());

let seq = 0;
const nextResident = () => world.resident(`84000000000000031${String(++seq).padStart(2, "0")}`);
const troubled = (since: number) => world.fake.calls.slice(since).filter((c) => c.trouble !== undefined);

describe("a reply Zalo fails to take the first time", () => {
  const kinds: { name: string; what: "send" | "refresh"; trouble: ZaloTrouble }[] = [
    { name: "HTTP 502", what: "send", trouble: { kind: "status", status: 502 } },
    { name: "HTTP 503", what: "send", trouble: { kind: "status", status: 503 } },
    { name: "-32 (call limit reached)", what: "send", trouble: { kind: "code", code: -32 } },
    { name: "a dropped connection", what: "send", trouble: { kind: "drop" } },
    { name: "the OAuth server's 502 on the token refresh", what: "refresh", trouble: { kind: "status", status: 502 } },
  ];
  for (const times of [1, 2]) {
    it.each(kinds)(`arrives exactly once after $name, ${times}× in a row`, async ({ what, trouble }) => {
      const u = nextResident();
      await u.text("/help");
      u.expectReply(/\/report/);
      // A refresh happens only when the token stops working.
      if (what === "refresh") world.fake.expireAccessTokens();
      world.fake.failNext(what, trouble, times);
      const since = world.fake.calls.length;
      const waited = world.waits.length;
      await u.text("/help");
      const replies = u.replies().map((m) => String(m.text));
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/\/report/);
      expect(troubled(since)).toHaveLength(times);
      // Each retry waited its backoff first.
      expect(world.waits.length - waited).toBe(times);
    });
  }

  it("is not retried when Zalo's answer is permanent (-204 invalid message): the resident gets the apology instead", async () => {
    const u = nextResident();
    await u.text("/help");
    u.expectReply(/\/report/);
    world.fake.failNext("send", { kind: "code", code: -204 });
    const since = world.fake.calls.length;
    const waited = world.waits.length;
    await u.text("/help");
    expect(troubled(since)).toHaveLength(1);
    expect(world.waits.length).toBe(waited);
    const texts = u.replies().map((m) => String(m.text));
    expect(texts.some((t) => /\/report/.test(t))).toBe(false);
    expect(texts).toEqual([world.t("vi", "error-generic")]);
  });
});

describe("the resident's name", () => {
  it("is read from the event when it carries one: Zalo is not asked", async () => {
    const userId = "8400000000000003190";
    const u = world.resident(userId);
    const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
    await sendSignedZaloEvent(`${world.base}/zalo`, { event_name: "follow", follower: { id: userId, display_name: "Trần Văn Nam" }, oa_id: "oa", source: "oa_profile" }, keys);
    await world.inbound.worker.drain();
    expect(u.expectReply(/Xin chào/)).toContain("Trần Văn Nam");
    expect(world.fake.profileLookups(userId)).toBe(0);
  });

  it("is asked of Zalo once only when Zalo does not know the user (-201): the greeting goes on without it", async () => {
    const userId = "8400000000000003191";
    world.fake.withholdProfile(userId);
    const u = world.resident(userId);
    await u.follow();
    expect(u.expectReply(/Xin chào/)).toBeTruthy();
    await u.text("/start");
    await u.text("/help");
    expect(world.fake.profileLookups(userId)).toBe(1);
  });
});
