/**
 * Makes the simulator's copy of Huế's ward boundaries: Douglas–Peucker on every ring, coordinates
 * rounded to 5 decimals (about 1 m), tiny islands dropped. Run once when the source changes:
 *   npx tsx tools/simplify-wards.ts <wards-46_hue.geojson> <units.json> simulator/demo/hue-wards.geojson
 * tests/simulator/demo-boundaries.test.ts checks that nothing the demo relies on moved ward.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Boundary } from "../services/routing/ward-locator.js";
import { simplifyBoundary } from "../services/routing/simplify-boundary.js";

const TOLERANCE = 0.0004; // degrees, about 40 m
const MIN_AREA = 2e-6; // square degrees, about 2.4 ha

const [source, unitsFile, out] = process.argv.slice(2);
if (!source || !unitsFile || !out) throw new Error("usage: simplify-wards.ts <boundaries.geojson> <units.json> <out.geojson>");
const units = (JSON.parse(readFileSync(unitsFile, "utf8")) as { Code: string; Wards: { Code: string; Name: string; FullName: string; AdministrativeUnitShortName: string }[] }[]).find((p) => p.Code === "46")!;
const wards = new Map(units.Wards.map((w) => [w.Code, w]));
const collection = JSON.parse(readFileSync(source, "utf8")) as { features: { properties: { code: string }; geometry: Boundary }[] };
const features = collection.features.map((f) => {
  const w = wards.get(f.properties.code)!;
  return {
    type: "Feature",
    properties: { code: f.properties.code, name: w.Name, fullName: w.FullName, kind: w.AdministrativeUnitShortName },
    geometry: simplifyBoundary(f.geometry, TOLERANCE, MIN_AREA),
  };
});
const text = JSON.stringify({
  type: "FeatureCollection",
  source: "github.com/thanglequoc/vietnamese-provinces-database, snapshot 2026-07-25 (MIT License, Copyright (c) 2021 Thang Le Quoc); simplified by tools/simplify-wards.ts",
  features,
});
writeFileSync(out, text);
console.log(`${features.length} wards, ${features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0)} points, ${text.length} bytes`);
