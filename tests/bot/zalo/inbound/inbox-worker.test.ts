import { describe, expect, it } from "vitest";
import { createZaloInboxWorker } from "../../../../bot/zalo/inbound/inbox-worker.js";
import { zaloInboxStore, type ZaloInboxEntry } from "../../../../models/zalo-inbox.js";
import { zaloLeaseStore } from "../../../../models/zalo-lease.js";
import { createLogger } from "../../../../platform/logger.js";
import { useTestDatabase } from "../../../support/database.js";

describe("the Zalo inbox worker", () => {
  const db = useTestDatabase();

  it("several instances never work on one resident's events at the same time, and each event runs once", async () => {
    const inbox = zaloInboxStore(db());
    const users = ["8400000000000000401", "8400000000000000402"];
    for (let i = 0; i < 8; i++) {
      await inbox.add(`msg:s-${i}`, "user_send_text", { sender: { id: users[i % 2] } }, new Date(Date.now() - 1000 + i));
    }
    const active = new Map<string, number>();
    let overlap = 0;
    const done: string[] = [];
    const process = async (e: ZaloInboxEntry) => {
      const user = String((e.event.sender as { id: string }).id);
      active.set(user, (active.get(user) ?? 0) + 1);
      if (active.get(user)! > 1) overlap++;
      await new Promise((r) => setTimeout(r, 25));
      active.set(user, active.get(user)! - 1);
      done.push(e.key);
    };
    const worker = () =>
      createZaloInboxWorker({
        inbox,
        leases: zaloLeaseStore(db()),
        process,
        logger: createLogger("silent"),
        serializeBy: (e) => String((e.event.sender as { id: string }).id),
      });
    const workers = [worker(), worker(), worker()];
    await Promise.all(workers.map((w) => w.drain()));
    // Entries skipped while their user was busy are taken on a later pass.
    await Promise.all(workers.map((w) => w.drain()));
    expect(overlap).toBe(0);
    expect(done.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `msg:s-${i}`).sort());
  });

  it("one resident's events run in order while other residents' run alongside", async () => {
    const inbox = zaloInboxStore(db());
    const residents = ["8400000000000000411", "8400000000000000412", "8400000000000000413", "8400000000000000414"];
    for (let i = 0; i < 12; i++) await inbox.add(`msg:o-${i}`, "user_send_text", { sender: { id: residents[i % 4] }, n: i }, new Date(Date.now() - 1000 + i));
    const seen = new Map<string, number[]>();
    let active = 0;
    let most = 0;
    // No event ends before two run at once: a worker that ran them one by one would never get past the first.
    let twoAtOnce!: () => void;
    const alongside = new Promise<void>((r) => (twoAtOnce = r));
    const w = createZaloInboxWorker({
      inbox,
      leases: zaloLeaseStore(db()),
      process: async (e) => {
        most = Math.max(most, ++active);
        if (active > 1) twoAtOnce();
        await alongside;
        const user = String((e.event.sender as { id: string }).id);
        seen.set(user, [...(seen.get(user) ?? []), Number(e.event.n)]);
        active--;
      },
      logger: createLogger("silent"),
      serializeBy: (e) => String((e.event.sender as { id: string }).id),
    });
    await w.drain();
    expect(most).toBeGreaterThan(1);
    for (const [i, user] of residents.entries()) expect(seen.get(user)).toEqual([i, i + 4, i + 8]);
    expect(await inbox.countByState("pending")).toBe(0);
  });

  it("a handled event leaves the queue, and its redelivery is still recognised", async () => {
    const inbox = zaloInboxStore(db());
    const add = () => inbox.add("msg:d-1", "user_send_text", { sender: { id: "8400000000000000421" } }, new Date());
    expect(await add()).toBe(true);
    const w = createZaloInboxWorker({ inbox, leases: zaloLeaseStore(db()), process: async () => undefined, logger: createLogger("silent") });
    await w.drain();
    expect(await inbox.pendingOf(["msg:d-1"])).toEqual([]);
    expect(await add()).toBe(false);
    expect(await inbox.countByState("pending")).toBe(0);
  });

  it("a failing event is retried later and parked as failed after the last attempt", async () => {
    const inbox = zaloInboxStore(db());
    await inbox.add("msg:f-1", "user_send_text", { sender: { id: "8400000000000000403" } }, new Date(0));
    let now = new Date();
    let calls = 0;
    const w = createZaloInboxWorker({
      inbox,
      leases: zaloLeaseStore(db()),
      process: async () => {
        calls++;
        throw new Error("Zalo is down");
      },
      logger: createLogger("silent"),
      clock: () => now,
      maxAttempts: 2,
    });
    await w.drain();
    expect(calls).toBe(1);
    now = new Date(now.getTime() + 60_000);
    await w.drain();
    expect(calls).toBe(2);
    expect(await inbox.countByState("failed")).toBe(1);
  });

  it("a resident's later events wait behind a failed one's retry, and then run after it, in order", async () => {
    const inbox = zaloInboxStore(db());
    let now = new Date();
    for (let i = 0; i < 3; i++) await inbox.add(`msg:r-${i}`, "user_send_text", { sender: { id: "8400000000000000431" }, n: i }, new Date(now.getTime() - 1000 + i));
    const ran: number[] = [];
    let failOnce = true;
    const w = createZaloInboxWorker({
      inbox,
      leases: zaloLeaseStore(db()),
      process: async (e) => {
        if (failOnce && e.event.n === 0) {
          failOnce = false;
          throw new Error("Zalo answered 502");
        }
        ran.push(Number(e.event.n));
      },
      logger: createLogger("silent"),
      clock: () => now,
      serializeBy: (e) => String((e.event.sender as { id: string }).id),
    });
    await w.drain();
    expect(ran).toEqual([]);
    now = new Date(now.getTime() + 60_000);
    await w.drain();
    expect(ran).toEqual([0, 1, 2]);
  });
});
