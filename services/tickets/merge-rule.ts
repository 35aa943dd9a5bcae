import { distanceM } from "../routing/distance.js";
import type { LatLng } from "../routing/ward-ref.js";

/**
 * "The same poster at the same place" (issue 24), as one pure rule over plain data: which open
 * ticket a new report joins, and which tickets merely look like the same poster (suggested to
 * the ward's officers, never merged). Every channel's report goes through submitReport, which
 * asks this rule; the property tests ask it too.
 */

/** A report joins a ticket whose place is at most this far from its own. */
export const MERGE_RADIUS_M = 50;
/** …and only a ticket opened this recently. */
export const MERGE_WINDOW_DAYS = 30;
/** Farther than the merge radius but this close, with a compatible type: suggested as a possible duplicate. */
export const SUGGEST_RADIUS_M = 150;

/** A report, or a ticket, as the rule sees it. */
export interface PosterSighting {
  wardCode: string;
  /** A resident's violation type, or an inspection's "not_scanned". */
  violationType: string;
  /** Where the poster hangs (see placeOf); none when neither a location nor the venue's own code says. */
  place?: LatLng;
  /** The decoded codes shown: a report's one, or every code a ticket's reports carried. */
  codes: string[];
  /** The registered venue whose code was decoded (or that an inspection is about). */
  venueCode?: string;
}

export interface MergeCandidate extends PosterSighting {
  id: string;
  openedAt: Date;
  open: boolean;
}

/**
 * Where a report's poster hangs: the shared location; without one, the venue's registered
 * location, but only when the code is the venue's own at its own venue ("official"). A code that
 * belongs elsewhere says whose code it is, not where the poster hangs.
 */
export function placeOf(r: { location?: LatLng | null; verdict?: string; venueLocation?: LatLng | null }): LatLng | undefined {
  if (r.location) return { lat: r.location.lat, lng: r.location.lng };
  return r.verdict === "official" && r.venueLocation ? { lat: r.venueLocation.lat, lng: r.venueLocation.lng } : undefined;
}

/** The same kind of problem: the same type, or an inspection of silent venues, which any resident's report at that place confirms. */
export function compatibleTypes(reportType: string, ticketType: string): boolean {
  return reportType === ticketType || ticketType === "not_scanned";
}

/** Both show a code and the codes differ: two posters. An unreadable (absent) code contradicts nothing. */
function codesDiffer(a: string[], b: string[]): boolean {
  return a.length > 0 && b.some((code) => !a.includes(code));
}

function recent(t: MergeCandidate, now: Date): boolean {
  return t.openedAt.getTime() >= now.getTime() - MERGE_WINDOW_DAYS * 86_400_000;
}

/** Whether the report joins this ticket: every condition of the rule. */
export function joins(report: PosterSighting, t: MergeCandidate, now: Date): boolean {
  return (
    t.open &&
    recent(t, now) &&
    t.wardCode === report.wardCode &&
    compatibleTypes(report.violationType, t.violationType) &&
    !codesDiffer(report.codes, t.codes) &&
    report.place !== undefined &&
    t.place !== undefined &&
    distanceM(report.place, t.place) <= MERGE_RADIUS_M
  );
}

/** The ticket the report joins: the nearest of those the rule allows (the oldest on a tie), or none. */
export function mergeTarget<T extends MergeCandidate>(report: PosterSighting, candidates: readonly T[], now: Date): T | undefined {
  const here = report.place;
  if (!here) return undefined;
  return candidates
    .filter((t) => joins(report, t, now))
    .sort((a, b) => distanceM(here, a.place!) - distanceM(here, b.place!) || a.openedAt.getTime() - b.openedAt.getTime())[0];
}

/**
 * Whether two open tickets of one ward look like the same poster although the rule kept them
 * apart: the same registered venue's code, or a compatible type within SUGGEST_RADIUS_M. Two
 * different codes are two posters and are never suggested.
 */
export function looksLikeSamePoster(a: MergeCandidate, b: MergeCandidate, now: Date): boolean {
  if (a.id === b.id || !a.open || !b.open || a.wardCode !== b.wardCode || !recent(a, now) || !recent(b, now)) return false;
  if (codesDiffer(a.codes, b.codes)) return false;
  const sameVenue = a.venueCode !== undefined && a.venueCode === b.venueCode;
  const typed = compatibleTypes(a.violationType, b.violationType) || compatibleTypes(b.violationType, a.violationType);
  const near = a.place && b.place && distanceM(a.place, b.place) <= SUGGEST_RADIUS_M;
  return sameVenue || Boolean(typed && near);
}
