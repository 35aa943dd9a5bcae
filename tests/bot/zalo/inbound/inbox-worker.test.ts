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
});
