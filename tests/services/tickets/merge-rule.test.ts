import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distanceM } from "../../../services/routing/distance.js";
import { MERGE_RADIUS_M, mergeTarget, looksLikeSamePoster, placeOf, joins, type MergeCandidate, type PosterSighting } from "../../../services/tickets/merge-rule.js";
import { hueLocator, nearOneOf, placeNear, runs, spots } from "../../support/hue-places.js";

/** The merge rule alone, over many generated reports on Huế's real ward boundaries (fast: no database). */
const locator = hueLocator();
const NOW = new Date("2026-11-23T03:00:00Z");
const report = fc.record({
  at: nearOneOf(3),
  type: fc.constantFrom("no_poster", "wrong_info", "unscannable"),
  code: fc.constantFrom(undefined, "CODE-A", "CODE-B", "CODE-C"),
});

interface Filed {
  place: { lat: number; lng: number };
  wardCode: string;
  code?: string;
}
type SimTicket = MergeCandidate & { reports: Filed[] };

describe("the merge rule over generated reports on real boundaries", () => {
  it("after every report: each report sits in a ticket of the ward containing its place, within the radius of the ticket's place, never beside a different code", () => {
    fc.assert(
      fc.property(fc.array(spots(), { minLength: 3, maxLength: 3 }), fc.array(report, { minLength: 1, maxLength: 14 }), (spots, reports) => {
        const tickets: SimTicket[] = [];
        for (const r of reports) {
          const place = placeNear(spots, r.at);
          const ward = locator.locate(place.lat, place.lng);
          if (!ward) continue; // outside every boundary: routed by venue or choice, not by this rule
          const sighting: PosterSighting = { wardCode: ward.code, violationType: r.type, place, codes: r.code ? [r.code] : [] };
          const target = mergeTarget(sighting, tickets, NOW);
          const filed = { place, wardCode: ward.code, code: r.code };
          if (target) {
            target.reports.push(filed);
            if (r.code && !target.codes.includes(r.code)) target.codes.push(r.code);
          } else {
            tickets.push({ id: String(tickets.length), wardCode: ward.code, violationType: r.type, place, codes: sighting.codes, openedAt: NOW, open: true, reports: [filed] });
          }
          for (const t of tickets) {
            expect(t.codes.length).toBeLessThanOrEqual(1);
            for (const f of t.reports) {
              expect(locator.locate(f.place.lat, f.place.lng)!.code).toBe(t.wardCode);
              expect(distanceM(f.place, t.place!)).toBeLessThanOrEqual(MERGE_RADIUS_M);
              if (f.code && t.codes.length) expect(t.codes).toEqual([f.code]);
            }
          }
        }
        // What the rule keeps apart it may suggest, but never what it would have joined.
        for (const a of tickets) for (const b of tickets) if (looksLikeSamePoster(a, b, NOW)) expect(a.wardCode).toBe(b.wardCode);
      }),
      runs(150),
    );
  });

  it("a venue's registered place stands for the poster only when its code is the venue's own at its own venue", () => {
    const venueLocation = { lat: 16.485, lng: 107.57 };
    expect(placeOf({ verdict: "official", venueLocation })).toEqual(venueLocation);
    for (const verdict of ["official_elsewhere", "official_inactive", "forged", "unregistered", "foreign", "no_code"]) expect(placeOf({ verdict, venueLocation })).toBeUndefined();
    expect(placeOf({ location: { lat: 16.4, lng: 107.6 }, verdict: "official", venueLocation })).toEqual({ lat: 16.4, lng: 107.6 });
  });

  it("a venue code alone never joins: same code, same type, 3 km apart, or no place at all", () => {
    const ticket: MergeCandidate = { id: "t", wardCode: "19753", violationType: "wrong_info", place: { lat: 16.485, lng: 107.57 }, codes: ["X"], venueCode: "HUE-0001", openedAt: NOW, open: true };
    expect(joins({ wardCode: "19753", violationType: "wrong_info", place: { lat: 16.485, lng: 107.598 }, codes: ["X"], venueCode: "HUE-0001" }, ticket, NOW)).toBe(false);
    expect(joins({ wardCode: "19753", violationType: "wrong_info", codes: ["X"], venueCode: "HUE-0001" }, ticket, NOW)).toBe(false);
    expect(joins({ wardCode: "19753", violationType: "wrong_info", place: { lat: 16.4851, lng: 107.57 }, codes: ["X"] }, ticket, NOW)).toBe(true);
    expect(joins({ wardCode: "19753", violationType: "wrong_info", place: { lat: 16.4851, lng: 107.57 }, codes: ["X"] }, { ...ticket, openedAt: new Date(NOW.getTime() - 31 * 86_400_000) }, NOW)).toBe(false);
  });
});
