import type { LatLng } from "../routing/ward-ref.js";

/** A place on OpenStreetMap, for a button or a link that says in words what it opens. */
export function mapUrl(at: LatLng): string {
  return `https://www.openstreetmap.org/?mlat=${at.lat}&mlon=${at.lng}#map=19/${at.lat}/${at.lng}`;
}
