import type { MultiPolygon } from "geojson";
import { boundaryParts, type Boundary } from "./ward-locator.js";

type Point = [number, number];
type Ring = Point[];

function perpendicular(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

/** Douglas–Peucker on one ring (tolerance in degrees), coordinates rounded to 5 decimals (about 1 m). */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const d = perpendicular(ring[i]!, ring[from]!, ring[to]!);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  return ring.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]);
}

/** Area of a ring in square degrees (shoelace), to drop slivers no one can see. */
export const ringArea = (ring: Ring) => Math.abs(ring.reduce((s, [x, y], i) => s + x * ring[(i + 1) % ring.length]![1] - ring[(i + 1) % ring.length]![0] * y, 0)) / 2;

/** A boundary as a MultiPolygon with every ring simplified and parts and holes smaller than `minArea` dropped. */
export function simplifyBoundary(boundary: Boundary, tolerance: number, minArea: number): MultiPolygon {
  const parts = boundaryParts(boundary) as Ring[][];
  const coordinates = parts
    .filter((p) => ringArea(p[0]!) >= minArea)
    .map((p) => p.map((r) => simplifyRing(r, tolerance)).filter((r, i) => r.length >= 4 && (i === 0 || ringArea(r) >= minArea)));
  return { type: "MultiPolygon", coordinates };
}
