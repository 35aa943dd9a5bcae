import { existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEMO_VENUES, HUE_WARDS_FILE } from "../../../simulator/demo/demo-world.js";
import { parseBoundaries } from "../../../services/routing/ward-boundaries.js";
import { boundaryParts, createWardLocator } from "../../../services/routing/ward-locator.js";

const ORIGINAL = fileURLToPath(new URL("../../../../shared/data/vn-admin-units/wards-46_hue.geojson", import.meta.url));
const present = existsSync(ORIGINAL);
if (!present) console.warn(`SKIPPED in part: the official Huế boundaries are not in ${ORIGINAL}`);

function locatorOf(path: string) {
  const { byCode } = parseBoundaries(readFileSync(path, "utf8"), path);
  const wards = [...byCode].map(([code, boundary]) => ({ code, name: code, kind: "", provinceCode: "46", provinceName: "", boundary }));
  return { wards, locator: createWardLocator(wards) };
}

/** The area-weighted centre of a ward's largest polygon. */
function centre(ring: number[][]): { lat: number; lng: number } {
  let a = 0, x = 0, y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!, [x1, y1] = ring[i + 1]!;
    const f = x0! * y1! - x1! * y0!;
    a += f;
    x += (x0! + x1!) * f;
    y += (y0! + y1!) * f;
  }
  return { lng: x / (3 * a), lat: y / (3 * a) };
}

describe("the simulator's simplified copy of Huế's ward boundaries", () => {
  const simplified = locatorOf(fileURLToPath(HUE_WARDS_FILE));

  it("is small enough to ship and names its source and licence", () => {
    expect(statSync(HUE_WARDS_FILE).size).toBeLessThan(300_000);
    expect(readFileSync(HUE_WARDS_FILE, "utf8")).toMatch(/thanglequoc\/vietnamese-provinces-database.*MIT License/);
    expect(simplified.wards).toHaveLength(40);
  });

  it("keeps every demo venue in its registered ward", () => {
    for (const v of DEMO_VENUES) expect(simplified.locator.locate(v.lat, v.lng)?.code, v.code).toBe(v.wardCode);
  });

  it.skipIf(!present)("keeps the centre of every ward in that ward, as the official boundaries have it", () => {
    const official = locatorOf(ORIGINAL);
    let checked = 0;
    for (const w of official.wards) {
      const largest = boundaryParts(w.boundary).map((p) => p[0]!).sort((a, b) => b.length - a.length)[0]!;
      const c = centre(largest);
      const truth = official.locator.locate(c.lat, c.lng)?.code;
      if (!truth) continue; // a crescent-shaped ward's centre lies outside it
      expect(simplified.locator.locate(c.lat, c.lng)?.code, w.code).toBe(truth);
      checked++;
    }
    expect(checked).toBeGreaterThan(35);
  });
});
