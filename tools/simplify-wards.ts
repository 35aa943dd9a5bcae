/**
 * Makes the simulator's copy of Huế's ward boundaries: Douglas–Peucker on every ring, coordinates
 * rounded to 5 decimals (about 1 m), tiny islands dropped. Run once when the source changes:
 *   npx tsx tools/simplify-wards.ts <wards-46_hue.geojson> <units.json> simulator/demo/hue-wards.geojson
 * tests/simulator/demo-boundaries.test.ts checks that nothing the demo relies on moved ward.
 */
import { readFileSync, writeFileSync } from "node:fs";

type Ring = [number, number][];
const TOLERANCE = 0.0004; // degrees, about 40 m
const MIN_AREA = 2e-6; // square degrees, about 2.4 ha

function perpendicular(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

function simplify(ring: Ring): Ring {
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
    if (worst > TOLERANCE) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  return ring.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]);
}

const area = (ring: Ring) => Math.abs(ring.reduce((s, [x, y], i) => s + x * ring[(i + 1) % ring.length]![1] - ring[(i + 1) % ring.length]![0] * y, 0)) / 2;

const [source, unitsFile, out] = process.argv.slice(2);
if (!source || !unitsFile || !out) throw new Error("usage: simplify-wards.ts <boundaries.geojson> <units.json> <out.geojson>");
const units = (JSON.parse(readFileSync(unitsFile, "utf8")) as { Code: string; Wards: { Code: string; Name: string; FullName: string; AdministrativeUnitShortName: string }[] }[]).find((p) => p.Code === "46")!;
const wards = new Map(units.Wards.map((w) => [w.Code, w]));
const collection = JSON.parse(readFileSync(source, "utf8")) as { features: { properties: { code: string }; geometry: { type: string; coordinates: Ring[][] | Ring[] } }[] };
const features = collection.features.map((f) => {
  const polygons = (f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [f.geometry.coordinates]) as Ring[][];
  const kept = polygons
    .filter((p) => area(p[0]!) >= MIN_AREA)
    .map((p) => p.map(simplify).filter((r, i) => r.length >= 4 && (i === 0 || area(r) >= MIN_AREA)));
  const w = wards.get(f.properties.code)!;
  return {
    type: "Feature",
    properties: { code: f.properties.code, name: w.Name, fullName: w.FullName, kind: w.AdministrativeUnitShortName },
    geometry: { type: "MultiPolygon", coordinates: kept },
  };
});
const text = JSON.stringify({
  type: "FeatureCollection",
  source: "github.com/thanglequoc/vietnamese-provinces-database, snapshot 2026-07-25 (MIT License, Copyright (c) 2021 Thang Le Quoc); simplified by tools/simplify-wards.ts",
  features,
});
writeFileSync(out, text);
console.log(`${features.length} wards, ${features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0)} points, ${text.length} bytes`);
