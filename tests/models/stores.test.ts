import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createStores, type Stores } from "../../models/index.js";
import type { TicketEvent } from "../../models/ticket.js";
import { useTestDatabase } from "../support/database.js";

const at = new Date("2026-11-23T08:00:00Z");

function newTicket(number: string) {
  return {
    number,
    violationType: "unscannable" as const,
    wardCode: "19753",
    provinceCode: "46",
    verdict: "no_code",
    report: { accountId: "a1", channel: "telegram" as const, violationType: "unscannable" as const, evidenceIds: [], flags: [], at },
    event: { at, actorId: "a1", actorRole: "resident" as const, action: "opened", to: "new" },
    acknowledgeBy: new Date(at.getTime() + 24 * 3600e3),
    closeBy: new Date(at.getTime() + 7 * 24 * 3600e3),
  };
}

describe("stores on the run's database server", () => {
  const db = useTestDatabase();
  let stores: Stores;
  beforeAll(async () => {
    stores = createStores(db());
    await stores.syncIndexes();
  });

  it("keeps ticket numbers unique", async () => {
    await stores.tickets.create(newTicket("HUE-2611-0001"));
    await expect(stores.tickets.create(newTicket("HUE-2611-0001"))).rejects.toThrow(/duplicate key|E11000/);
  });

  it("creates one account per channel user, however often it is ensured", async () => {
    const [a, b] = await Promise.all([
      stores.accounts.ensure("telegram", "42", { locale: "en" }),
      stores.accounts.ensure("telegram", "42"),
    ]);
    expect(a.id).toBe(b.id);
    expect((await stores.accounts.ensure("zalo", "42")).id).not.toBe(a.id);
  });

  it("lets exactly one of two concurrent state changes win", async () => {
    const t = await stores.tickets.create(newTicket("HUE-2611-0002"));
    const event = (actorId: string): TicketEvent => ({ at, actorId, actorRole: "officer", action: "acknowledge", from: "new", to: "acknowledged" });
    const results = await Promise.all([
      stores.tickets.transition(t.id, "new", "acknowledged", event("o1")),
      stores.tickets.transition(t.id, "new", "acknowledged", event("o2")),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await stores.tickets.byId(t.id);
    expect(stored?.state).toBe("acknowledged");
    expect(stored?.history.map((h) => h.action)).toEqual(["opened", "acknowledge"]);
    expect(stored?.version).toBe(1);
  });

  it("numbers sequences without gaps or repeats under concurrency", async () => {
    const seqs = await Promise.all(Array.from({ length: 10 }, () => stores.counters.next("HUE-2611")));
    expect([...seqs].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("never turns user input into a query operator", async () => {
    await stores.tickets.create(newTicket("HUE-2611-0003"));
    const hostile = { $ne: "nothing" } as unknown as string;
    expect(await stores.tickets.byNumber(JSON.stringify(hostile))).toBeUndefined();
    expect(await stores.venues.byCode(hostile)).toBeUndefined();
    expect(await stores.accounts.byId("000000000000000000000000")).toBeUndefined();
  });

  it("keeps the original photo bytes and their hash", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    const e = await stores.evidence.save({ bytes, mime: "image/jpeg", accountId: "a1", channel: "telegram", receivedAt: new Date() });
    expect(e.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(Buffer.compare(await stores.evidence.readFile(e.fileId), bytes)).toBe(0);
  });
});
