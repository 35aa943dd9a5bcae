import Flatbush from "flatbush";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { createPolygonTest } from "./polygon-grid.js";
import type { WardRef } from "./ward-ref.js";

export type Boundary = Polygon | MultiPolygon;

export interface LocatableWard extends WardRef {
  boundary: Boundary;
}

export interface WardLocator {
  /** The ward whose boundary contains the point, or undefined outside every boundary. */
  locate(lat: number, lng: number): WardRef | undefined;
  readonly size: number;
}

/** One outer ring with its holes, i.e. one part of a (Multi)Polygon, and the ward it belongs to. */
interface Part {
  ward: number;
  test: ReturnType<typeof createPolygonTest>;
}

export function boundaryParts(boundary: Boundary): Position[][][] {
  return boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;
}

/**
 * Bounding-box prefilter over every polygon part (Flatbush), then exact point-in-polygon
 * (a per-part grid, falling back to turf near edges: see polygon-grid.ts).
 * Where boundaries overlap by a rounding sliver the ward earliest in the given order wins, so
 * answers never depend on the index's internal order.
 */
export function createWardLocator(wards: readonly LocatableWard[]): WardLocator {
  const refs: WardRef[] = wards.map(({ boundary: _b, ...ref }) => ref);
  const parts: Part[] = [];
  wards.forEach((w, ward) => {
    for (const coordinates of boundaryParts(w.boundary)) {
      parts.push({ ward, test: createPolygonTest({ type: "Polygon", coordinates } satisfies Polygon) });
    }
  });
  const index = parts.length > 0 ? new Flatbush(parts.length) : undefined;
  for (const p of parts) index!.add(...p.test.bbox);
  index?.finish();

  return {
    size: wards.length,
    locate(lat, lng) {
      if (!index || !Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
      let best = Infinity;
      const point: Position = [lng, lat];
      for (const i of index.search(lng, lat, lng, lat)) {
        const part = parts[i]!;
        if (part.ward < best && part.test.contains(point)) best = part.ward;
      }
      return best === Infinity ? undefined : refs[best];
    },
  };
}
