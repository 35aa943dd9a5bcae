import type { Venue, VenueCategory, VenueStatus } from "../../models/venue.js";
import type { LatLng } from "../routing/ward-ref.js";

/** A venue as services hand it around: JSON-safe, without database bookkeeping. */
export interface VenueRef {
  code: string;
  name: string;
  address: string;
  category: VenueCategory;
  wardCode: string;
  location: LatLng;
  status: VenueStatus;
}

export function venueRef(v: Venue): VenueRef {
  return {
    code: v.code,
    name: v.name,
    address: v.address,
    category: v.category as VenueCategory,
    wardCode: v.wardCode,
    location: { lat: v.location.lat, lng: v.location.lng },
    status: v.status as VenueStatus,
  };
}
