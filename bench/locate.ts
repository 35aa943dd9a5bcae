/**
 * npm run bench:locate — lookups per second of the in-memory ward locator over the real
 * boundaries in ../shared, and a check that every answer equals brute-force point-in-polygon.
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBoundaries } from "../services/routing/ward-boundaries.js";
import { boundaryParts, createWardLocator, type LocatableWard } from "../services/routing/ward-locator.js";

const dir = fileURLToPath(new URL("../../shared/data/vn-admin-units/", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".geojson")).sort();
const wards: LocatableWard[] = [];
for (const f of files) {
  const { byCode } = parseBoundaries(readFileSync(join(dir, f), "utf8"), basename(f));
  for (const [code, boundary] of byCode) {
    wards.push({ code, name: code, kind: "", provinceCode: f, provinceName: f, boundary });
  }
}

// Random points in each province's bounding box, in equal shares, from a fixed seed.
let seed = 42;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const boxes = files.map((f) => {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const w of wards.filter((x) => x.provinceCode === f))
    for (const part of boundaryParts(w.boundary))
      for (const [x, y] of part[0]!) box.splice(0, 4, Math.min(box[0]!, x!), Math.min(box[1]!, y!), Math.max(box[2]!, x!), Math.max(box[3]!, y!));
  return box;
});
const N = 100_000;
const points = Array.from({ length: N }, (_, i) => {
  const [x0, y0, x1, y1] = boxes[i % boxes.length]!;
  return [y0! + random() * (y1! - y0!), x0! + random() * (x1! - x0!)] as const;
});

const t0 = performance.now();
const locator = createWardLocator(wards);
console.log(`index built over ${wards.length} boundaries in ${(performance.now() - t0).toFixed(0)} ms`);

const answers: (string | undefined)[] = new Array(N);
const rounds = 3;
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const start = performance.now();
  for (let i = 0; i < N; i++) answers[i] = locator.locate(points[i]![0], points[i]![1])?.code;
  best = Math.min(best, performance.now() - start);
}
console.log(`locate: ${N} points, best of ${rounds}: ${best.toFixed(0)} ms = ${Math.round(N / (best / 1000)).toLocaleString("en")} lookups/s`);

let mismatches = 0;
let inside = 0;
for (let i = 0; i < N; i++) {
  const p = [points[i]![1], points[i]![0]];
  const brute = wards.find((w) => booleanPointInPolygon(p, w.boundary))?.code;
  if (brute) inside++;
  if (brute !== answers[i]) mismatches++;
}
console.log(`brute force: ${inside} points inside a ward, ${N - inside} outside; mismatches: ${mismatches}`);
process.exitCode = mismatches === 0 ? 0 : 1;
