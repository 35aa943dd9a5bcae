import type { venueStore } from "../../models/venue.js";
import type { WardDirectory } from "./ward-directory.js";
import type { LatLng, WardRef } from "./ward-ref.js";

export interface RoutingInput {
  location?: LatLng;
  /** The venue the resident names or the decoded code points to. */
  venueCode?: string;
  chosenWardCode?: string;
}

export interface Routing {
  ward: WardRef;
  method: "location" | "venue" | "chosen";
}

/**
 * The responsible ward. The violation is where the poster hangs, so the reported location
 * decides; outside every boundary (or without one) the venue's registered ward; else the
 * ward the resident picked. Undefined when none of them names a known ward.
 */
export function createWardResolver(deps: { directory: Pick<WardDirectory, "locate" | "byCode">; venues: Pick<ReturnType<typeof venueStore>, "byCode"> }) {
  return async function resolveWard({ location, venueCode, chosenWardCode }: RoutingInput): Promise<Routing | undefined> {
    const located = location && deps.directory.locate(location.lat, location.lng);
    if (located) return { ward: located, method: "location" };
    const venue = venueCode ? await deps.venues.byCode(venueCode) : undefined;
    const venueWard = venue && deps.directory.byCode(venue.wardCode);
    if (venueWard) return { ward: venueWard, method: "venue" };
    const chosen = chosenWardCode ? deps.directory.byCode(chosenWardCode) : undefined;
    return chosen ? { ward: chosen, method: "chosen" } : undefined;
  };
}
