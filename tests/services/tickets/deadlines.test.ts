import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../models/account.js";
import type { Ticket } from "../../../models/ticket.js";
import { DEFAULT_DEADLINES, listOverdue, sweepDeadlines, type DeadlineNotifier, type SweeperDeps } from "../../../services/tickets/deadlines.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const HOUR = 3600e3;

describe("deadline sweeper", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  const sent: string[] = [];
  const notifier: DeadlineNotifier = {
    remind: async (t, kind) => void sent.push(`remind ${t.number} ${kind}`),
    escalate: async (t, kind, _due, sup: Account[]) => void sent.push(`escalate ${t.number} ${kind} to ${sup.map((s) => s.displayName).join(",")}`),
  };
  const sweeper = (instance: string): SweeperDeps => ({ ...w.stores, clock: w.clock.now, policy: DEFAULT_DEADLINES, notifier, instance });
  const twoInstances = () => Promise.all([sweepDeadlines(sweeper("a")), sweepDeadlines(sweeper("b"))]);
  let ticket: Ticket;
  let handled: Ticket;

  beforeAll(async () => {
    w = await ticketWorld(db());
    await w.account("supervisor", { provinceCode: "P1" }, "sup-p1");
    await w.account("supervisor", { provinceCode: "P2" }, "sup-p2");
    ticket = await w.ticket("new");
    handled = await w.ticket("new");
    const officer = await w.account("officer", { wardCode: "W1" });
    expect(await transitionTicket(w.deps, officer.id, handled.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
  });

  it("stays quiet while a deadline is far away", async () => {
    w.clock.advance(19 * HOUR);
    await twoInstances();
    expect(sent).toEqual([]);
  });

  it("reminds the ward once, four hours before the acknowledge deadline, even with two instances", async () => {
    w.clock.advance(2 * HOUR);
    await twoInstances();
    await twoInstances();
    expect(sent).toEqual([`remind ${ticket.number} acknowledge`]);
  });

  it("escalates an unacknowledged ticket once to the supervisors of its province only", async () => {
    sent.length = 0;
    w.clock.advance(4 * HOUR);
    await twoInstances();
    await twoInstances();
    expect(sent).toEqual([`escalate ${ticket.number} acknowledge to supervisor sup-p1`]);
    expect((await listOverdue(w.stores.tickets, w.clock.now(), { wardCode: "W1" })).map((o) => o.ticket.number)).toEqual([ticket.number]);
    expect(await w.stores.audit.of("ticket", ticket.id)).toMatchObject([{ action: "remind" }, { action: "escalate" }]);
  });

  it("then reminds and escalates the close deadline of every open ticket", async () => {
    sent.length = 0;
    w.clock.set(new Date(ticket.closeBy!.getTime() - HOUR));
    await twoInstances();
    w.clock.advance(2 * HOUR);
    await twoInstances();
    expect(sent.sort()).toEqual(
      [
        `remind ${ticket.number} close`,
        `remind ${handled.number} close`,
        `escalate ${ticket.number} close to supervisor sup-p1`,
        `escalate ${handled.number} close to supervisor sup-p1`,
      ].sort(),
    );
  });
});
