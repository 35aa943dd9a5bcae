import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloSender } from "../../../../bot/zalo/outbound/sender.js";
import { useTestDatabase } from "../../../support/database.js";
import { startZaloTestRig } from "../../../support/zalo.js";

describe("sending within Zalo's limits", () => {
  const db = useTestDatabase();
  let rig: Awaited<ReturnType<typeof startZaloTestRig>>;
  let now = new Date("2026-11-20T08:00:00Z");
  beforeAll(async () => {
    rig = await startZaloTestRig(db());
  });
  afterAll(() => rig.fake.close());
  const sender = () => createZaloSender({ client: rig.client, users: rig.users, clock: () => now, policy: { windowMs: 48 * 3600_000, windowMessages: 8, monthlyProactive: 1 } });
  const texts = (userId: string) => rig.fake.messagesTo(userId).map((m) => m.text);

  it("replies freely 8 times after the user writes, then holds the rest until the next message, combined", async () => {
    const s = sender();
    const user = "8400000000000000011";
    await s.userWrote(user, now);
    const kinds = [];
    for (let i = 1; i <= 8; i++) kinds.push((await s.deliver(user, { kind: "text", text: `trả lời ${i}` })).kind);
    expect(kinds.every((k) => k === "window")).toBe(true);
    // The ninth uses the month's single proactive message; the tenth and eleventh wait.
    expect(await s.notify(user, "Phiếu HUE-2611-0001 đã được tiếp nhận")).toBe("proactive");
    expect(await s.notify(user, "Phiếu HUE-2611-0001 đang được kiểm tra")).toBe("hold");
    expect(await s.notify(user, "Phiếu HUE-2611-0001 đã đóng")).toBe("hold");
    expect(texts(user)).toHaveLength(9);
    now = new Date(now.getTime() + 3600_000);
    await s.userWrote(user, now);
    expect(texts(user).at(-1)).toBe("Phiếu HUE-2611-0001 đang được kiểm tra\n\nPhiếu HUE-2611-0001 đã đóng");
    expect((await rig.users.byId(user))?.held).toEqual([]);
  });

  it("after 48 hours of silence a notification is held rather than lost, and arrives when the user writes", async () => {
    const s = sender();
    const user = "8400000000000000012";
    await s.userWrote(user, now);
    now = new Date(now.getTime() + 49 * 3600_000);
    expect(await s.notify(user, "Phiếu 1 đã đóng")).toBe("proactive");
    expect(await s.notify(user, "Phiếu 2 đã đóng")).toBe("hold");
    // A new month brings a fresh proactive allowance, which carries the held text along.
    now = new Date("2026-12-01T08:00:00Z");
    expect(await s.notify(user, "Phiếu 3 đã đóng")).toBe("proactive");
    expect(texts(user)).toEqual(["Phiếu 1 đã đóng", "Phiếu 2 đã đóng\n\nPhiếu 3 đã đóng"]);
  });

  it("splits text longer than Zalo's 2,000 characters", async () => {
    const s = sender();
    const user = "8400000000000000013";
    await s.userWrote(user, now);
    await s.deliver(user, { kind: "text", text: "a".repeat(4500) });
    expect(texts(user).map((t) => String(t).length)).toEqual([2000, 2000, 500]);
  });
});
