import { beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../../models/ticket.js";
import { issueInspections } from "../../../services/registry/inspections.js";
import { computeWardStats, statsRow, STATS_COLUMNS } from "../../../services/tickets/stats.js";
import { buttonsOf, type TicketAction } from "../../../models/ticket-states.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { addVenues } from "../../support/activity-world.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";
import { ticketsOfProvince } from "../../support/tickets-of-province.js";

/** Inspection tickets through the one transition: findings, the keeper's confirmation, and what only residents' tickets allow. */
describe("closing inspection tickets with findings", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let tickets: Ticket[];
  let officer: string;
  const act = (actor: string, t: Ticket, action: TicketAction) => transitionTicket(w.deps, actor, t.id, action);

  beforeAll(async () => {
    w = await ticketWorld(db());
    await addVenues(w, "A", "W1", 2);
    // No activity at all: V-1, A-01 and A-02 of W1 are all never scanned.
    const keeper = await w.account("registry", { provinceCode: "P1" });
    const r = await issueInspections({ ...w.stores, clock: w.clock.now }, keeper, "P1", { asOf: "2026-11-22", silentDays: 14, perWardWeek: 3 });
    expect(r).toMatchObject({ ok: true, issued: 3 });
    tickets = (await ticketsOfProvince(w.stores, "P1", 10)).sort((a, b) => a.venueCode!.localeCompare(b.venueCode!));
    officer = (await w.account("officer", { wardCode: "W1" })).id;
    for (const t of tickets) expect(await act(officer, t, { kind: "acknowledge" })).toMatchObject({ ok: true });
  });

  it("shows findings instead of the residents' close buttons, by source", () => {
    expect(buttonsOf("acknowledged", "inspection")).toEqual(["insp", "fok", "fmis", "fwr", "fcl"]);
    expect(buttonsOf("acknowledged", "resident")).toEqual(["insp", "cv", "nv"]);
    expect(buttonsOf("violation_confirmed", "inspection")).toEqual(["er", "ew", "es", "rw"]);
  });

  it("refuses the residents' close and transfer on an inspection ticket, and findings on a resident's", async () => {
    const [t] = tickets;
    for (const action of [{ kind: "close", outcome: "no_violation" }, { kind: "transfer", wardCode: "W2" }] as const) {
      expect(await act(officer, t!, action)).toMatchObject({ ok: false, reason: "invalid_state" });
    }
    const resident = await w.ticket("acknowledged");
    expect(await act(officer, resident, { kind: "record_finding", finding: "poster_ok" })).toMatchObject({ ok: false, reason: "invalid_state" });
  });

  it("a missing poster confirms a violation enforcement can act on; a present one closes with no violation", async () => {
    const [a1, a2] = tickets;
    expect(await act(officer, a1!, { kind: "record_finding", finding: "poster_missing" })).toMatchObject({ ok: true, to: "violation_confirmed", ticket: { outcome: { kind: "finding", finding: "poster_missing" } } });
    const enforcement = await w.account("enforcement", { provinceCode: "P1" });
    expect(await act(enforcement.id, a1!, { kind: "enforce", measure: "warning" })).toMatchObject({ ok: true });
    expect(await act(officer, a2!, { kind: "record_finding", finding: "poster_ok" })).toMatchObject({ ok: true, to: "no_violation" });
  });

  it("'venue closed' waits for the province's keeper: a rejection returns it to the ward, a confirmation closes the venue once", async () => {
    const v1 = tickets[2]!;
    expect(v1.venueCode).toBe("V-1");
    const keeper = (await w.stores.accounts.ofProvince("registry", "P1"))[0]!;
    const otherKeeper = await w.account("registry", { provinceCode: "P2" });
    expect(await act(officer, v1, { kind: "record_finding", finding: "venue_closed" })).toMatchObject({ ok: true, to: "venue_closed" });
    expect(await act(officer, v1, { kind: "confirm_closure" })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await act(otherKeeper.id, v1, { kind: "confirm_closure" })).toMatchObject({ ok: false, reason: "forbidden" });
    // While the keeper has not answered, next week's list passes the venue over (and the two just inspected).
    w.clock.advance(7 * 24 * 3600e3);
    const next = await issueInspections({ ...w.stores, clock: w.clock.now }, keeper, "P1", { asOf: "2026-11-29", silentDays: 14, perWardWeek: 3, dryRun: true });
    expect(next).toMatchObject({ ok: true, issued: 0, wards: [{ wardCode: "W1", open: 1, recent: 2, venues: [] }] });
    w.clock.advance(3600e3);
    const rejected = await act(keeper.id, v1, { kind: "reject_closure" });
    expect(rejected).toMatchObject({ ok: true, to: "inspecting", ticket: { outcome: { kind: "returned" } } });
    expect(rejected.ok && rejected.ticket.closeBy!.getTime()).toBe(w.clock.now().getTime() + 7 * 24 * 3600e3);
    expect((await w.stores.venues.byCode("V-1"))!.status).toBe("active");

    expect(await act(officer, v1, { kind: "record_finding", finding: "venue_closed" })).toMatchObject({ ok: true, to: "venue_closed" });
    expect(await act(keeper.id, v1, { kind: "confirm_closure" })).toMatchObject({ ok: true, to: "venue_closed" });
    expect((await w.stores.venues.byCode("V-1"))!.status).toBe("closed");
    expect(await act(keeper.id, v1, { kind: "confirm_closure" })).toMatchObject({ ok: false, reason: "already_decided" });
    expect((await w.stores.audit.of("venue", "V-1")).map((e) => [e.action, e.actorId, e.to])).toEqual([["close_venue", keeper.id, "closed"]]);
  });

  it("counts inspection tickets beside residents' reports in the statistics, by source", async () => {
    const all = await w.stores.tickets.ofWardBetween("W1", new Date(0), new Date(w.clock.now().getTime() + 1));
    const s = computeWardStats("W1", all, w.clock.now(), { violating: 0, registered: 3 });
    expect(s.bySource).toEqual({ inspection: 3, resident: 1 });
    const row = Object.fromEntries(STATS_COLUMNS.map((c, i) => [c, statsRow(s)[i]]));
    expect(row).toMatchObject({ opened: 4, source_resident: 1, source_inspection: 3, not_scanned: 3, no_poster: 1, venue_closed: 1, violation_confirmed: 1, no_violation: 1 });
  });
});
