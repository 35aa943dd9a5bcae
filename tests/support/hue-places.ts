import fc from "fast-check";
import type { Geometry } from "geojson";
import { hueWardsGeoJson } from "../../simulator/demo/demo-world.js";
import { createWardLocator, type Boundary } from "../../services/routing/ward-locator.js";
import type { LatLng } from "../../services/routing/ward-ref.js";

/**
 * Generated report places on Huế's real ward boundaries (the demo's simplified copy of the
 * official file, shipped with the project): a few spots in the city centre, where eight wards
 * meet, and reports scattered up to ~150 m around them, so that merges, near misses and ward
 * borders all occur within a handful of reports.
 */
interface Feature {
  properties: { code: string; name: string; kind: string };
  geometry: Geometry;
}

export function hueLocator() {
  const features = (JSON.parse(hueWardsGeoJson()) as { features: Feature[] }).features;
  return createWardLocator(
    features.map((f) => ({ code: f.properties.code, name: f.properties.name, kind: f.properties.kind, provinceCode: "46", provinceName: "Thành phố Huế", boundary: f.geometry as Boundary })),
  );
}

const CENTRE = { south: 16.43, north: 16.5, west: 107.54, east: 107.64 };

const inCentre = ([lng, lat]: number[]) => lat! >= CENTRE.south && lat! <= CENTRE.north && lng! >= CENTRE.west && lng! <= CENTRE.east;

/** Corners of the central wards' boundaries: spots on a border, where a 50 m radius reaches into the next ward. */
function borderPoints(): LatLng[] {
  const features = (JSON.parse(hueWardsGeoJson()) as { features: Feature[] }).features;
  const rings = features.flatMap((f) => {
    const g = f.geometry as Boundary;
    return (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flat();
  });
  return rings.flat().filter(inCentre).map(([lng, lat]) => ({ lat: Math.round(lat! * 1e5) / 1e5, lng: Math.round(lng! * 1e5) / 1e5 }));
}

/** A spot in central Huế (5 decimals, about a metre): anywhere, or on a ward border. */
export function spots() {
  const anywhere = fc
    .record({ lat: fc.integer({ min: CENTRE.south * 1e5, max: CENTRE.north * 1e5 }), lng: fc.integer({ min: CENTRE.west * 1e5, max: CENTRE.east * 1e5 }) })
    .map(({ lat, lng }) => ({ lat: lat / 1e5, lng: lng / 1e5 }));
  return fc.oneof(anywhere, fc.constantFrom(...borderPoints()));
}

/** A place within ±0.0013° (about 140 m) of one of `spots`: many reports share a spot, some stray past the radius. */
export function nearOneOf(spots: number) {
  return fc.record({ spot: fc.nat({ max: spots - 1 }), dLat: fc.integer({ min: -130, max: 130 }), dLng: fc.integer({ min: -130, max: 130 }) });
}

export function placeNear(spots: LatLng[], p: { spot: number; dLat: number; dLng: number }): LatLng {
  const s = spots[p.spot]!;
  return { lat: Math.round((s.lat + p.dLat / 1e5) * 1e5) / 1e5, lng: Math.round((s.lng + p.dLng / 1e5) * 1e5) / 1e5 };
}

/** Property runs: few enough for the suite to stay fast; FC_SEED replays a failure fast-check printed. */
export function runs(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return { numRuns, ...(seed === undefined ? {} : { seed }) };
}
