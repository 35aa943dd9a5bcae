import { describe, expect, it } from "vitest";
import { createWardLocator, type LocatableWard } from "../../../services/routing/ward-locator.js";

const square = (code: string, w: number, s: number, size: number, hole?: number[][]): LocatableWard => ({
  code,
  name: code,
  kind: "Phường",
  provinceCode: "99",
  provinceName: "Test",
  boundary: {
    type: "Polygon",
    coordinates: [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]], ...(hole ? [hole] : [])],
  },
});

describe("locating a point among generated boundaries", () => {
  // A ring ward with a hole, the hole filled by another ward; a separate island ward (MultiPolygon).
  const ring = square("RING", 107, 16, 1, [[107.4, 16.4], [107.6, 16.4], [107.6, 16.6], [107.4, 16.6], [107.4, 16.4]]);
  const core = square("CORE", 107.4, 16.4, 0.2);
  const islands: LocatableWard = {
    ...square("ISLE", 0, 0, 0),
    code: "ISLE",
    boundary: {
      type: "MultiPolygon",
      coordinates: [
        [[[108, 16], [108.1, 16], [108.1, 16.1], [108, 16.1], [108, 16]]],
        [[[108.5, 16.5], [108.6, 16.5], [108.55, 16.6], [108.5, 16.5]]],
      ],
    },
  };
  const locator = createWardLocator([ring, core, islands]);

  it("answers the ward whose boundary contains the point, holes included", () => {
    expect(locator.locate(16.2, 107.2)?.code).toBe("RING");
    expect(locator.locate(16.5, 107.5)?.code).toBe("CORE");
    expect(locator.locate(16.05, 108.05)?.code).toBe("ISLE");
    expect(locator.locate(16.52, 108.55)?.code).toBe("ISLE");
  });

  it("answers unknown outside every boundary, between islands and in a bbox corner", () => {
    expect(locator.locate(15.9, 107.5)).toBeUndefined();
    expect(locator.locate(16.3, 108.3)).toBeUndefined();
    expect(locator.locate(16.59, 108.505)).toBeUndefined(); // inside the triangle's bbox, outside the triangle
    expect(locator.locate(Number.NaN, 107)).toBeUndefined();
  });

  it("never answers a wrong ward just inside and just outside a border", () => {
    expect(locator.locate(16.4 - 1e-7, 107.5)?.code).toBe("RING");
    expect(locator.locate(16.4 + 1e-7, 107.5)?.code).toBe("CORE");
    expect(locator.locate(16.5, 107 - 1e-7)).toBeUndefined();
    expect(locator.locate(16.5, 107 + 1e-7)?.code).toBe("RING");
  });

  it("knows nothing before boundaries are loaded", () => {
    expect(createWardLocator([]).locate(16.5, 107.5)).toBeUndefined();
  });
});
