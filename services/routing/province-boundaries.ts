import type { FeatureCollection, MultiPolygon } from "geojson";
import type { wardStore } from "../../models/ward.js";
import { simplifyBoundary } from "./simplify-boundary.js";
import type { Boundary } from "./ward-locator.js";
import { fullName } from "./ward-ref.js";

/** About 20 m: finer than a ward's edge needs on a province map, and a tenth of the stored points. */
const TOLERANCE = 0.0002;
const MIN_AREA = 5e-7;

export type WardFeatures = FeatureCollection<MultiPolygon, { code: string; name: string }>;

type Wards = Pick<ReturnType<typeof wardStore>, "withBoundariesInProvince" | "fingerprint">;

/**
 * The province's ward boundaries for a browser map, simplified, computed once per import of the
 * ward directory (the fingerprint changes with every import) and kept in memory.
 */
export function createProvinceBoundaries(wards: Wards) {
  const cache = new Map<string, { fingerprint: string; features: WardFeatures }>();
  return async function provinceBoundaries(provinceCode: string): Promise<WardFeatures> {
    const fingerprint = await wards.fingerprint();
    const hit = cache.get(provinceCode);
    if (hit?.fingerprint === fingerprint) return hit.features;
    const features: WardFeatures = {
      type: "FeatureCollection",
      features: (await wards.withBoundariesInProvince(provinceCode))
        .filter((w) => w.boundaryGeoJson)
        .map((w) => ({
          type: "Feature",
          properties: { code: w.code, name: fullName(w) },
          geometry: simplifyBoundary(JSON.parse(w.boundaryGeoJson!) as Boundary, TOLERANCE, MIN_AREA),
        })),
    };
    cache.set(provinceCode, { fingerprint, features });
    return features;
  };
}
