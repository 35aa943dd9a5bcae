import { beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../platform/logger.js";
import { runInspectionSchedule } from "../../../services/registry/inspection-schedule.js";
import { issueInspections, weekOf, type InspectionOptions } from "../../../services/registry/inspections.js";
import { addVenues, importScans } from "../../support/activity-world.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";
import { ticketsOfProvince } from "../../support/tickets-of-province.js";

const WEEK = 7 * 24 * 3600e3;

/**
 * Province P1: 12 cafés in W1 (A-01…A-12), 8 markets in W2 (B-01…B-08); P2 has C-01 in W3.
 * As of 22 November (14 silent days: 9–22 November) A-01 and B-01 were scanned lately, A-02 last
 * on 1 November (silent), every other venue never: never-scanned venues are the longest silent.
 * A resident's open ticket already concerns A-03.
 */
describe("inspection lists from silent venues", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  const opts: InspectionOptions = { asOf: "2026-11-22", silentDays: 14, perWardWeek: 3 };
  const deps = () => ({ ...w.stores, clock: w.clock.now });
  const inspections = async () => (await ticketsOfProvince(w.stores, "P1", 100)).filter((t) => t.source === "inspection");

  beforeAll(async () => {
    w = await ticketWorld(db());
    await w.stores.venues.setStatus("V-1", "closed");
    await addVenues(w, "A", "W1", 12);
    await addVenues(w, "B", "W2", 8, "market");
    await addVenues(w, "C", "W3", 1);
    await importScans(w, w.clock.now, ["A-01,2026-11-20,4", "B-01,2026-11-18,2", "A-02,2026-11-01,3"]);
    await w.ticket("acknowledged", { venueCode: "A-03" });
  });

  it("the week runs Monday to Sunday, Vietnam time", () => {
    expect(weekOf(new Date("2026-11-23T08:00:00Z"))).toBe("2026-11-23");
    expect(weekOf(new Date("2026-11-22T16:59:00Z"))).toBe("2026-11-16");
    expect(weekOf(new Date("2026-11-22T17:00:00Z"))).toBe("2026-11-23");
  });

  it("a dry run lists the longest silent venues, capped per ward, and opens nothing", async () => {
    const r = await issueInspections(deps(), await w.account("registry", { provinceCode: "P1" }), "P1", { ...opts, dryRun: true });
    expect(r).toMatchObject({ ok: true, issued: 6, week: "2026-11-23" });
    if (!r.ok) return;
    expect(r.wards.map((x) => [x.wardCode, x.open, x.venues.map((v) => v.code)])).toEqual([
      ["W1", 1, ["A-04", "A-05", "A-06"]],
      ["W2", 0, ["B-02", "B-03", "B-04"]],
    ]);
    expect(await inspections()).toHaveLength(0);
  });

  it("issues at most K tickets per ward per week, never a second open one for a venue, also when run twice", async () => {
    const keeper = await w.account("registry", { provinceCode: "P1" });
    const first = await issueInspections(deps(), keeper, "P1", opts);
    expect(first).toMatchObject({ ok: true, issued: 6 });
    const again = await issueInspections(deps(), keeper, "P1", opts);
    expect(again).toMatchObject({ ok: true, issued: 0 });
    const tickets = await inspections();
    expect(tickets.map((t) => t.venueCode).sort()).toEqual(["A-04", "A-05", "A-06", "B-02", "B-03", "B-04"]);
    for (const t of tickets) {
      expect(t).toMatchObject({ violationType: "not_scanned", state: "new", reports: [], openedAt: w.clock.now() });
      expect(t.acknowledgeBy!.getTime() - w.clock.now().getTime()).toBe(24 * 3600e3);
      expect(t.wardCode).toBe(t.venueCode!.startsWith("A") ? "W1" : "W2");
    }
    // The next week two runs race: each ward still gets K, and no venue gets a second ticket.
    w.clock.advance(WEEK);
    const raced = await Promise.all([issueInspections(deps(), keeper, "P1", opts), issueInspections(deps(), keeper, "P1", opts)]);
    expect(raced.map((r) => (r.ok ? r.issued : -1)).reduce((a, b) => a + b)).toBe(6);
    const all = await inspections();
    expect(all).toHaveLength(12);
    expect(new Set(all.map((t) => t.venueCode)).size).toBe(12);
    expect(all.filter((t) => t.wardCode === "W1").map((t) => t.venueCode).sort()).toEqual(["A-04", "A-05", "A-06", "A-07", "A-08", "A-09"]);
    expect((await w.stores.audit.of("province", "P1")).map((e) => e.action)).toEqual(["issue_inspections", "issue_inspections", "issue_inspections", "issue_inspections"]);
  });

  it("is refused to officers and to another province's keeper", async () => {
    expect(await issueInspections(deps(), await w.account("officer", { wardCode: "W1" }), "P1", opts)).toEqual({ ok: false, reason: "forbidden" });
    expect(await issueInspections(deps(), await w.account("supervisor", { provinceCode: "P1" }), "P1", opts)).toEqual({ ok: false, reason: "forbidden" });
    expect(await issueInspections(deps(), await w.account("registry", { provinceCode: "P2" }), "P1", opts)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("the weekly schedule issues each province's list once its time has come, once whatever the instances", async () => {
    const schedule = { weekday: 0, minutes: 7 * 60, silentDays: 14, perWardWeek: 3 };
    const instance = (name: string) => ({ ...deps(), logger: createLogger("silent"), instance: name });
    w.clock.set(new Date("2026-12-07T06:59:00+07:00"));
    expect(await runInspectionSchedule(instance("a"), schedule)).toBe(0);
    w.clock.set(new Date("2026-12-07T07:01:00+07:00"));
    // As of 7 December: W1, A-12 (the never-scanned before, silent since
    // 1 and 20 November); W2 B-08 and B-01 (silent since 18 November); P2's W3 C-01.
    const [a, b] = await Promise.all([runInspectionSchedule(instance("a"), schedule), runInspectionSchedule(instance("b"), schedule)]);
    expect(a + b).toBe(6);
    expect(await runInspectionSchedule(instance("a"), schedule)).toBe(0);
    const p2 = (await ticketsOfProvince(w.stores, "P2", 10)).filter((t) => t.source === "inspection");
    expect(p2.map((t) => [t.venueCode, t.history[0]!.actorId])).toEqual([["C-01", "schedule"]]);
  });
});
