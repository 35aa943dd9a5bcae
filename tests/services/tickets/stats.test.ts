import { beforeAll, describe, expect, it } from "vitest";
import { statsCommands } from "../../../cli/commands/stats.js";
import { wardStats } from "../../../services/tickets/stats.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const HOUR = 3600e3;

describe("ward statistics", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  const start = new Date(Date.now() - 20 * 24 * HOUR);
  beforeAll(async () => {
    w = await ticketWorld(db());
    w.clock.set(start);
    const officer = await w.account("officer", { wardCode: "W1" });
    const act = async (id: string, kind: "acknowledge" | "start_inspection", hours: number) => {
      w.clock.advance(hours * HOUR);
      expect(await transitionTicket(w.deps, officer.id, id, { kind })).toMatchObject({ ok: true });
    };
    // Ticket A: acknowledged after 2 h, confirmed after 10 h in all (on time).
    const a = await w.ticket("new");
    await act(a.id, "acknowledge", 2);
    await act(a.id, "start_inspection", 4);
    w.clock.advance(4 * HOUR);
    expect(await transitionTicket(w.deps, officer.id, a.id, { kind: "close", outcome: "violation_confirmed" })).toMatchObject({ ok: true });
    // Ticket B: acknowledged after 6 h, then left open past its close deadline.
    w.clock.set(start);
    const b = await w.ticket("new");
    await act(b.id, "acknowledge", 6);
  });

  it("counts by state and type, medians, on-time rate, overdue and compliance", async () => {
    const s = await wardStats(w.stores, "W1", { from: new Date(start.getTime() - HOUR), to: new Date() }, new Date());
    expect(s).toMatchObject({
      opened: 2,
      closed: 1,
      byState: { violation_confirmed: 1, acknowledged: 1 },
      byType: { no_poster: 2 },
      medianHoursToAcknowledge: 4,
      medianHoursToClose: 10,
      onTimeRate: 1,
      overdue: 1,
      compliance: { violating: 1, registered: 1, rate: 1 },
    });
  });

  it("prints a CSV row per ward of the province", async () => {
    const ctx = testCliContext(db());
    await statsCommands[0]!.run(["--province", "P1"], ctx);
    const [header, w1, w2] = ctx.printed().trim().split("\n");
    expect(header).toMatch(/^ward,opened,closed,/);
    expect(w1).toMatch(/^W1,2,1,0,1,0,1,/);
    expect(w2).toMatch(/^W2,0,0,/);
  });
});
