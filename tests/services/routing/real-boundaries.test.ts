import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseBoundaries } from "../../../services/routing/ward-boundaries.js";
import { boundaryParts, createWardLocator, type LocatableWard } from "../../../services/routing/ward-locator.js";

const dir = fileURLToPath(new URL("../../../../shared/data/vn-admin-units/", import.meta.url));
const FILES = ["wards-46_hue.geojson", "wards-12_lai_chau.geojson", "wards-04_cao_bang.geojson"];
const present = FILES.every((f) => existsSync(dir + f));
if (!present) console.warn(`SKIPPED: real ward boundaries not found in ${dir}`);

describe.skipIf(!present)("locating points in the real boundaries of Huế, Lai Châu and Cao Bằng", () => {
  const wards: LocatableWard[] = present
    ? FILES.flatMap((f) => [...parseBoundaries(readFileSync(dir + f, "utf8"), f).byCode].map(([code, boundary]) => ({ code, name: code, kind: "", provinceCode: f, provinceName: f, boundary })))
    : [];
  const locator = createWardLocator(wards);
  const brute = (lat: number, lng: number) => wards.find((w) => booleanPointInPolygon([lng, lat], w.boundary))?.code;

  it("loads all 134 boundaries", () => expect(wards).toHaveLength(134));

  it.each([
    ["the Imperial City, Huế", 16.4695, 107.578, "19753"],
    ["south bank of the Perfume River, Huế", 16.4635, 107.5905, "19789"],
    ["Lai Châu town centre", 22.396, 103.458, "03388"],
    ["Cao Bằng town centre", 22.666, 106.258, "01273"],
  ])("inside: %s", (_name, lat, lng, code) => expect(locator.locate(lat, lng)?.code).toBe(code));

  it.each([
    ["the East Sea off Huế", 16.6, 107.75],
    ["Laos, west of Huế", 16.5, 106.5],
    ["Hà Nội (no boundary loaded)", 21.0, 105.8],
  ])("unknown: %s", (_name, lat, lng) => expect(locator.locate(lat, lng)).toBeUndefined());

  it("near borders, 1 m either side of edges, answers exactly what brute-force point-in-polygon answers", () => {
    let checked = 0;
    for (const w of wards.filter((_, i) => i % 8 === 0)) {
      const ring = boundaryParts(w.boundary)[0]![0]!;
      for (let i = 1; i < ring.length; i += Math.ceil(ring.length / 40)) {
        const [ax, ay] = ring[i - 1]!, [bx, by] = ring[i]!;
        const len = Math.hypot(bx! - ax!, by! - ay!) || 1;
        for (const side of [1, -1]) {
          const lng = (ax! + bx!) / 2 + (side * 1e-5 * -(by! - ay!)) / len;
          const lat = (ay! + by!) / 2 + (side * 1e-5 * (bx! - ax!)) / len;
          expect(locator.locate(lat, lng)?.code).toBe(brute(lat, lng));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
