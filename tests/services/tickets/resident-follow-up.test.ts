import { beforeAll, describe, expect, it } from "vitest";
import { statsCommands } from "../../../cli/commands/stats.js";
import type { Account } from "../../../models/account.js";
import { listOverdue, sweepDeadlines } from "../../../services/tickets/deadlines.js";
import { wardStats } from "../../../services/tickets/stats.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const DAY = 24 * 3600e3;

describe("a reporter's follow-ups go through the one transition", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let officer: Account;
  beforeAll(async () => {
    w = await ticketWorld(db());
    w.clock.set(new Date("2026-10-05T02:00:00Z"));
    officer = await w.account("officer", { wardCode: "W1" });
  });

  /** A ticket the ward closed now, through the transition (so its closing is in its history). */
  async function closed(outcome: "violation_confirmed" | "no_violation" = "no_violation") {
    const t = await w.ticket("acknowledged");
    expect(await transitionTicket(w.deps, officer.id, t.id, { kind: "close", outcome })).toMatchObject({ ok: true });
    return t;
  }
  const rate = (id: string, satisfied: boolean, who = w.reporter.id) => transitionTicket(w.deps, who, id, { kind: "rate", satisfied });
  const reopen = (id: string) => transitionTicket(w.deps, w.reporter.id, id, { kind: "reopen", note: "vẫn chưa dán", evidenceIds: [] });

  it("rating: only a reporter, only a closed ticket, one answer per closing, changeable for 7 days", async () => {
    const open = await w.ticket("acknowledged");
    expect(await rate(open.id, true)).toMatchObject({ ok: false, reason: "invalid_state" });
    const t = await closed();
    const stranger = await w.account("resident");
    expect(await rate(t.id, true, stranger.id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await rate(t.id, true, officer.id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await rate(t.id, false)).toMatchObject({ ok: true, to: "no_violation" });
    w.clock.advance(6 * DAY);
    const changed = await rate(t.id, true);
    expect(changed.ok && changed.ticket.ratings).toMatchObject([{ satisfied: true, outcome: "no_violation" }]);
    w.clock.advance(2 * DAY);
    expect(await rate(t.id, false)).toMatchObject({ ok: false, reason: "too_late" });
    expect((await w.stores.tickets.byId(t.id))!.ratings).toHaveLength(1);
  });

  it("what a reporter added moves with the ticket when the ward transfers it", async () => {
    const t = await w.ticket("new");
    expect(await transitionTicket(w.deps, w.reporter.id, t.id, { kind: "add_evidence", note: "cửa bên hông cũng không có mã", evidenceIds: [] })).toMatchObject({ ok: true });
    const moved = await transitionTicket(w.deps, officer.id, t.id, { kind: "transfer", wardCode: "W2" });
    expect(moved.ok && moved.successor?.additions).toMatchObject([{ kind: "evidence", note: "cửa bên hông cũng không có mã" }]);
  });

  it("not fixed: reopens with fresh deadlines twice, then the table's limit refuses a third reopen", async () => {
    const t = await closed();
    for (const round of [1, 2]) {
      const r = await reopen(t.id);
      expect(r).toMatchObject({ ok: true, from: "no_violation", to: "reopened" });
      expect(r.ok && r.ticket.acknowledgeBy).toEqual(new Date(w.clock.now().getTime() + DAY));
      // The ward acknowledges a reopened ticket like a new one, then closes it again.
      expect(await transitionTicket(w.deps, officer.id, t.id, { kind: "acknowledge" })).toMatchObject({ ok: true, from: "reopened" });
      expect(await transitionTicket(w.deps, officer.id, t.id, { kind: "close", outcome: "no_violation" })).toMatchObject({ ok: true });
      expect((await w.stores.tickets.byId(t.id))!.additions).toHaveLength(round);
    }
    expect(await reopen(t.id)).toMatchObject({ ok: false, reason: "reopen_limit" });
    const escalate = () => transitionTicket(w.deps, w.reporter.id, t.id, { kind: "escalate_reopen", note: "lần ba", evidenceIds: [] });
    expect(await escalate()).toMatchObject({ ok: true, to: "no_violation" });
    expect(await escalate()).toMatchObject({ ok: false, reason: "reopen_limit" });
  });

  it("a reopened ticket left unacknowledged past its new deadline is overdue and escalated like a new one", async () => {
    const t = await closed();
    expect(await reopen(t.id)).toMatchObject({ ok: true });
    w.clock.advance(DAY + 60_000);
    expect((await listOverdue(w.stores.tickets, w.clock.now(), { wardCode: "W1" })).find((o) => o.ticket.id === t.id)?.missed.map((m) => m.kind)).toEqual(["acknowledge"]);
    await w.account("supervisor", { provinceCode: "P1" });
    expect((await sweepDeadlines({ ...w.stores, clock: w.clock.now, instance: "a" })).escalated).toBeGreaterThanOrEqual(1);
    expect((await w.stores.audit.of("ticket", t.id)).map((e) => e.action)).toContain("escalate");
  });

  it("not fixed after 14 days, and adding evidence to a closed ticket, are refused and change nothing", async () => {
    const t = await closed();
    const version = (await w.stores.tickets.byId(t.id))!.version;
    w.clock.advance(14 * DAY + 60_000);
    expect(await reopen(t.id)).toMatchObject({ ok: false, reason: "too_late" });
    expect(await transitionTicket(w.deps, w.reporter.id, t.id, { kind: "add_evidence", note: "x", evidenceIds: [] })).toMatchObject({ ok: false, reason: "invalid_state" });
    expect((await w.stores.tickets.byId(t.id))!.version).toBe(version);
  });

  it("satisfaction is counted by ward, outcome and month, and printed by the CLI", async () => {
    const confirmed = await closed("violation_confirmed");
    expect(await rate(confirmed.id, true)).toMatchObject({ ok: true });
    const since = new Date("2026-10-01T00:00:00Z");
    const s = await wardStats(w.stores, "W1", { from: since, to: new Date(w.clock.now().getTime() + DAY) }, w.clock.now());
    expect(s.satisfaction).toMatchObject({ rated: 2, satisfied: 2, rate: 1, byOutcome: { no_violation: { rated: 1, satisfied: 1 }, violation_confirmed: { rated: 1, satisfied: 1 } } });
    expect(Object.keys(s.satisfaction.byMonth)).toEqual(["2026-10"]);
    const ctx = testCliContext(db());
    await statsCommands[0]!.run(["--ward", "W1", "--from", "2026-10-01", "--to", "2026-10-31", "--satisfaction"], ctx);
    expect(ctx.printed().trim().split("\n")).toEqual([
      "ward,by,key,rated,satisfied,satisfaction_rate",
      "W1,all,,2,2,1",
      "W1,outcome,no_violation,1,1,1",
      "W1,outcome,violation_confirmed,1,1,1",
      "W1,month,2026-10,2,2,1",
    ]);
  });
});
