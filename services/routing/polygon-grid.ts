import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Polygon, Position } from "geojson";

const OUT = 0;
const IN = 1;
const EDGE = 2;
const CELLS = 64;

/**
 * Point-in-polygon for one polygon part, answered from a 64×64 grid over its bounding box where
 * possible. Cells touched by an edge's bounding box (padded by a cell) ask turf; every other cell
 * holds no edge, so all its points share the answer of any one of them — computed once per
 * connected edge-free region with turf. Exact, and most lookups never walk the ring.
 */
export function createPolygonTest(polygon: Polygon): { bbox: [number, number, number, number]; contains(p: Position): boolean } {
  const outer = polygon.coordinates[0] ?? [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x!); maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!); maxY = Math.max(maxY, y!);
  }
  const dx = (maxX - minX) / CELLS || 1;
  const dy = (maxY - minY) / CELLS || 1;
  const col = (x: number) => Math.min(CELLS - 1, Math.max(0, Math.floor((x - minX) / dx)));
  const row = (y: number) => Math.min(CELLS - 1, Math.max(0, Math.floor((y - minY) / dy)));
  const cells = new Uint8Array(CELLS * CELLS).fill(255);

  for (const ring of polygon.coordinates) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1]!, [bx, by] = ring[i]!;
      const c0 = col(Math.min(ax!, bx!) - dx), c1 = col(Math.max(ax!, bx!) + dx);
      const r0 = row(Math.min(ay!, by!) - dy), r1 = row(Math.max(ay!, by!) + dy);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells[r * CELLS + c] = EDGE;
    }
  }
  // Flood each edge-free region and label it with the answer at its first cell's centre.
  const stack: number[] = [];
  for (let start = 0; start < cells.length; start++) {
    if (cells[start] !== 255) continue;
    const centre = [minX + ((start % CELLS) + 0.5) * dx, minY + (Math.floor(start / CELLS) + 0.5) * dy];
    const label = booleanPointInPolygon(centre, polygon) ? IN : OUT;
    cells[start] = label;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const c = i % CELLS;
      for (const n of [c > 0 ? i - 1 : -1, c < CELLS - 1 ? i + 1 : -1, i - CELLS, i + CELLS]) {
        if (n >= 0 && n < cells.length && cells[n] === 255) {
          cells[n] = label;
          stack.push(n);
        }
      }
    }
  }

  return {
    bbox: [minX, minY, maxX, maxY],
    contains(p) {
      const x = p[0]!, y = p[1]!;
      if (x < minX || x > maxX || y < minY || y > maxY) return false;
      const state = cells[row(y) * CELLS + col(x)];
      return state === EDGE ? booleanPointInPolygon(p, polygon) : state === IN;
    },
  };
}
