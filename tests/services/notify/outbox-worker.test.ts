import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../models/account.js";
import { createStores, type Stores } from "../../../models/index.js";
import { createLogger } from "../../../platform/logger.js";
import { createOutboxWorker } from "../../../services/notify/outbox-worker.js";
import type { ResidentMessage } from "../../../services/notify/resident-message.js";
import { notifyReporters } from "../../../services/notify/ticket-changed.js";
import { useTestDatabase } from "../../support/database.js";

const db = useTestDatabase();
let stores: Stores;
beforeAll(async () => {
  stores = createStores(db());
  await stores.syncIndexes();
});

const logger = createLogger("silent");

describe("the notifications outbox", () => {
  it("retries a failing send with growing delays, then delivers exactly once", async () => {
    const account = await stores.accounts.ensure("zalo", "z-1", { locale: "en" });
    const t0 = new Date("2026-11-23T04:00:00Z");
    const ticket = { id: "t1", number: "HUE-2611-0007", state: "inspecting", version: 2, reports: [{ accountId: account.id, channel: "zalo" as const }] };
    await notifyReporters(stores.outbox, ticket as never, t0);
    let now = t0;
    let failures = 2;
    const sent: [string, ResidentMessage][] = [];
    const sender = {
      async send(a: Account, m: ResidentMessage) {
        if (failures-- > 0) throw new Error("network down");
        sent.push([a.externalId, m]);
      },
    };
    const worker = createOutboxWorker({ outbox: stores.outbox, accounts: stores.accounts, senders: { zalo: sender }, clock: () => now, logger, baseDelayMs: 1_000 });
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    now = new Date(t0.getTime() + 1_000);
    expect(await worker.drain()).toBe(1);
    now = new Date(t0.getTime() + 2_500);
    expect(await worker.drain()).toBe(0);
    now = new Date(t0.getTime() + 3_000);
    const [a, b] = await Promise.all([worker.drain(), createOutboxWorker({ outbox: stores.outbox, accounts: stores.accounts, senders: { zalo: sender }, clock: () => now, logger }).drain()]);
    expect(a + b).toBe(1);
    expect(sent).toEqual([["z-1", { kind: "state_changed", number: "HUE-2611-0007", state: "inspecting", ticketId: "t1" }]]);
    const [m] = await stores.outbox.byKeyPrefix("resident:t1:");
    expect(m).toMatchObject({ state: "sent", attempts: 3, lastError: "network down" });
  });

  it("gives a message up as failed after the last attempt", async () => {
    const account = await stores.accounts.ensure("telegram", "t-2");
    await notifyReporters(stores.outbox, { id: "t2", number: "HUE-2611-0008", state: "no_violation", version: 1, reports: [{ accountId: account.id, channel: "telegram" }] } as never, new Date(0));
    let now = new Date(0);
    const worker = createOutboxWorker({
      outbox: stores.outbox, accounts: stores.accounts, clock: () => now, logger, maxAttempts: 2,
      senders: { telegram: { send: () => Promise.reject(new Error("Forbidden: bot was blocked by the user")) } },
    });
    expect(await worker.drain()).toBe(1);
    now = new Date(60_000);
    expect(await worker.drain()).toBe(1);
    now = new Date(10 ** 13);
    expect(await worker.drain()).toBe(0);
    const [m] = await stores.outbox.byKeyPrefix("resident:t2:");
    expect(m).toMatchObject({ state: "failed", attempts: 2 });
  });

  it("a started worker delivers a message queued on its own instance at once, not on its next tick", async () => {
    const account = await stores.accounts.ensure("telegram", "t-3");
    const sent: string[] = [];
    const worker = createOutboxWorker({
      outbox: stores.outbox, accounts: stores.accounts, clock: () => new Date(), logger,
      senders: { telegram: { send: async (a: Account) => void sent.push(a.externalId) } },
    });
    worker.start(60_000);
    await notifyReporters(stores.outbox, { id: "t3", number: "HUE-2611-0009", state: "acknowledged", version: 1, reports: [{ accountId: account.id, channel: "telegram" }] } as never, new Date(0));
    await expect.poll(() => sent, { timeout: 5_000 }).toEqual(["t-3"]);
    await worker.stop();
  });
});
