import { distanceM } from "../routing/distance.js";
import type { LatLng } from "../routing/ward-ref.js";

/** Whose code it is, for the texts that name it: the venue's name, registered address and distance. */
export interface CodeOwner {
  name: string;
  address: string;
  /** From the reported place to the venue's registered place, rounded to metres; absent without a reported place. */
  distanceM?: number;
}

/**
 * For an official code that belongs to another place (official_elsewhere), to a venue no
 * longer active (official_inactive) or is a venue's older code (official_old), the venue it belongs to; for every other verdict
 * nothing, since the code then names no venue or the venue is the one reported.
 */
export function codeOwner(
  verdict: string,
  venue: { name: string; address: string; location: LatLng } | undefined,
  reportedAt: LatLng | undefined,
): CodeOwner | undefined {
  if (!venue || !["official_elsewhere", "official_inactive", "official_old"].includes(verdict)) return undefined;
  const owner: CodeOwner = { name: venue.name, address: venue.address };
  if (reportedAt) owner.distanceM = Math.round(distanceM(reportedAt, venue.location));
  return owner;
}
