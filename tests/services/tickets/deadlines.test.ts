import { beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../../models/ticket.js";
import { isOverdue, listOverdue, loadDeadlinePolicy, sweepDeadlines, type SweeperDeps } from "../../../services/tickets/deadlines.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const HOUR = 3600e3;

describe("deadline sweeper", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  const sweeper = (instance: string): SweeperDeps => ({ ...w.stores, clock: w.clock.now, instance });
  const twoInstances = () => Promise.all([sweepDeadlines(sweeper("a")), sweepDeadlines(sweeper("b"))]);
  /** What the sweeps queued, as "<step> <number> <deadline> [to <account>]". */
  const queued = async () => {
    const messages = await w.stores.outbox.byKeyPrefix("deadline:");
    return messages
      .map((m) => {
        const p = JSON.parse(m.payload) as { number: string; deadline: string };
        return m.audience === "ward" ? `remind ${p.number} ${p.deadline}` : `escalate ${p.number} ${p.deadline} to ${m.accountId}`;
      })
      .sort();
  };
  let ticket: Ticket;
  let handled: Ticket;
  let supervisor = "";

  beforeAll(async () => {
    w = await ticketWorld(db());
    supervisor = (await w.account("supervisor", { provinceCode: "P1" }, "sup-p1")).id;
    await w.account("supervisor", { provinceCode: "P2" }, "sup-p2");
    ticket = await w.ticket("new");
    handled = await w.ticket("new");
    const officer = await w.account("officer", { wardCode: "W1" });
    expect(await transitionTicket(w.deps, officer.id, handled.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
  });

  it("every opened ticket carries the default deadlines: 24 hours to acknowledge, 7 days to close", () => {
    expect(ticket.acknowledgeBy!.getTime() - ticket.openedAt.getTime()).toBe(24 * HOUR);
    expect(ticket.closeBy!.getTime() - ticket.openedAt.getTime()).toBe(7 * 24 * HOUR);
  });

  it("stays quiet while a deadline is far away", async () => {
    w.clock.advance(19 * HOUR);
    await twoInstances();
    expect(await queued()).toEqual([]);
  });

  it("queues one reminder for the ward, four hours before the acknowledge deadline, even with two instances", async () => {
    w.clock.advance(2 * HOUR);
    await twoInstances();
    await twoInstances();
    expect(await queued()).toEqual([`remind ${ticket.number} acknowledge`]);
  });

  it("queues one escalation per supervisor of the ticket's province only", async () => {
    w.clock.advance(4 * HOUR);
    await twoInstances();
    await twoInstances();
    expect(await queued()).toEqual([`escalate ${ticket.number} acknowledge to ${supervisor}`, `remind ${ticket.number} acknowledge`]);
    expect((await listOverdue(w.stores.tickets, w.clock.now(), { wardCode: "W1" })).map((o) => o.ticket.number)).toEqual([ticket.number]);
    expect(await w.stores.audit.of("ticket", ticket.id)).toMatchObject([{ action: "remind" }, { action: "escalate" }]);
  });

  it("then reminds and escalates the close deadline of every open ticket", async () => {
    w.clock.set(new Date(ticket.closeBy!.getTime() - HOUR));
    await twoInstances();
    w.clock.advance(2 * HOUR);
    await twoInstances();
    const close = (await queued()).filter((q) => q.includes(" close"));
    expect(close).toEqual(
      [`remind ${ticket.number} close`, `remind ${handled.number} close`, `escalate ${ticket.number} close to ${supervisor}`, `escalate ${handled.number} close to ${supervisor}`].sort(),
    );
  });
});

describe("deadline policy", () => {
  const db = useTestDatabase();

  it("a province's stored override applies to tickets opened there afterwards; others keep the default", async () => {
    const w = await ticketWorld(db());
    await w.stores.deadlineRules.set("P2", { acknowledgeHours: 8 });
    await w.stores.deadlineRules.set("default", { closeDays: 10 });
    expect(await loadDeadlinePolicy(w.stores.deadlineRules)).toEqual({
      default: { acknowledgeHours: 24, closeDays: 10, remindBeforeHours: 4 },
      provinces: { P2: { acknowledgeHours: 8 } },
    });
    const there = await w.ticket("new", { wardCode: "W3", provinceCode: "P2" });
    const here = await w.ticket("new");
    expect(there.acknowledgeBy!.getTime() - there.openedAt.getTime()).toBe(8 * HOUR);
    expect(there.closeBy!.getTime() - there.openedAt.getTime()).toBe(10 * 24 * HOUR);
    expect(here.acknowledgeBy!.getTime() - here.openedAt.getTime()).toBe(24 * HOUR);
  });
});

describe("one overdue rule for every surface", () => {
  it("a new or reopened ticket is overdue past its acknowledge deadline, any open one past its close deadline, a closed one never", () => {
    const now = new Date("2026-11-23T08:00:00Z");
    const before = new Date(now.getTime() - 1);
    const after = new Date(now.getTime() + 3600e3);
    expect(isOverdue({ state: "reopened", acknowledgeBy: before, closeBy: after }, now)).toBe(true);
    expect(isOverdue({ state: "new", acknowledgeBy: after, closeBy: after }, now)).toBe(false);
    expect(isOverdue({ state: "acknowledged", acknowledgeBy: before, closeBy: after }, now)).toBe(false);
    expect(isOverdue({ state: "inspecting", acknowledgeBy: after, closeBy: before }, now)).toBe(true);
    expect(isOverdue({ state: "no_violation", acknowledgeBy: before, closeBy: before }, now)).toBe(false);
  });
});
