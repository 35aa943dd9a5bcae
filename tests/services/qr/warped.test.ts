import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { readWithZxing, type Pixels } from "../../../services/qr/engines.js";
import { binarize } from "../../../services/qr/warped/binarize.js";
import { findFinders } from "../../../services/qr/warped/finder-patterns.js";
import { alignmentCentres, knownModules, sideOf } from "../../../services/qr/warped/function-patterns.js";
import { photographClothPrint } from "../../support/cloth-print.js";

const PAYLOAD = "VNQR1:HUE-PHUHOI-000123:5f2a9c41d07e";

async function pixelsOf(jpeg: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(jpeg).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
}

describe("the mesh sampler reads codes printed on waving cloth", () => {
  it("reads a print that zxing alone cannot, with every zxing option on", async () => {
    const photo = await photographClothPrint({ payload: PAYLOAD, amplitude: 0.5, period: 0.95 });
    const zxing = await readWithZxing(await pixelsOf(photo.jpeg), { tryHarder: true, tryInvert: true, tryDenoise: true, binarizer: "LocalAverage" });
    expect(zxing).toEqual([]);

    const result = await decodeQr(photo.jpeg);
    expect(result.codes.map((c) => [c.text, c.engine])).toEqual([[PAYLOAD, "mesh"]]);
    const span = photo.size * photo.modulePx;
    const expected = [
      photo.origin,
      { x: photo.origin.x + span, y: photo.origin.y },
      { x: photo.origin.x + span, y: photo.origin.y + span },
      { x: photo.origin.x, y: photo.origin.y + span },
    ];
    for (const [i, corner] of result.codes[0]!.corners.entries()) {
      expect(Math.hypot(corner.x - expected[i]!.x, corner.y - expected[i]!.y)).toBeLessThan(2 * photo.modulePx);
    }
  });

  it("reads nothing from a print whose finder and timing patterns are right but whose data is noise", async () => {
    const photo = await photographClothPrint({ payload: PAYLOAD, amplitude: 0.5, period: 0.95, scrambleData: true });
    expect(findFinders(binarize(await pixelsOf(photo.jpeg)))).toHaveLength(3);
    const result = await decodeQr(photo.jpeg);
    expect(result.outcome).toBe("no_code_found");
    expect(result.attempts.at(-1)).toMatchObject({ engine: "mesh", found: 0 });
  });

  it("finds the three finder patterns of a flat code within a module of their centres", async () => {
    const photo = await photographClothPrint({ payload: PAYLOAD, amplitude: 0, period: 1 });
    const centre = (modules: number) => modules * photo.modulePx;
    const truth = [
      { x: photo.origin.x + centre(3.5), y: photo.origin.y + centre(3.5) },
      { x: photo.origin.x + centre(photo.size - 3.5), y: photo.origin.y + centre(3.5) },
      { x: photo.origin.x + centre(3.5), y: photo.origin.y + centre(photo.size - 3.5) },
    ];
    const found = findFinders(binarize(await pixelsOf(photo.jpeg)));
    expect(found).toHaveLength(3);
    for (const point of truth) {
      const nearest = Math.min(...found.map((f) => Math.hypot(f.x - point.x, f.y - point.y)));
      expect(nearest).toBeLessThan(photo.modulePx);
    }
    for (const finder of found) expect(finder.module).toBeCloseTo(photo.modulePx, -0.5);
  });
});

describe("the fixed modules of each QR version", () => {
  it("places alignment patterns where ISO/IEC 18004 annex E does", () => {
    expect(alignmentCentres(1)).toEqual([]);
    expect(alignmentCentres(2)).toEqual([6, 18]);
    expect(alignmentCentres(7)).toEqual([6, 22, 38]);
    expect(alignmentCentres(14)).toEqual([6, 26, 46, 66]);
    expect(alignmentCentres(32)).toEqual([6, 34, 60, 86, 112, 138]);
    expect(alignmentCentres(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
  });

  it("fixes finder, separator, timing, alignment and dark modules, and leaves data and format open", () => {
    const n = sideOf(3);
    const known = knownModules(3);
    const at = (row: number, col: number) => known[row * n + col];
    expect([at(0, 0), at(1, 1), at(3, 3), at(7, 7)]).toEqual([1, 0, 1, 0]);
    expect([at(6, 8), at(6, 9), at(9, 6)]).toEqual([1, 0, 0]);
    expect([at(22, 22), at(21, 22), at(20, 22)]).toEqual([1, 0, 1]);
    expect(at(n - 8, 8)).toBe(1);
    expect([at(8, 0), at(12, 12)]).toEqual([-1, -1]);
  });
});
