import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { noisePhoto } from "../../support/photo-noise.js";
import { photograph, photographScene, renderTestPoster, type PhotoOptions } from "../../support/posters.js";

const PAYLOAD = "https://kiemdich.hue.gov.vn/dd/HUE-VN-0042?v=2";
let poster: Buffer;

beforeAll(async () => {
  poster = await renderTestPoster({
    payload: PAYLOAD,
    venueName: "Quán cơm Bà Đỏ – Chợ Đông Ba",
    address: "2 Trần Hưng Đạo, phường Phú Hòa, thành phố Huế",
  });
});

const distortions: Record<string, PhotoOptions> = {
  "a straight shot": {},
  "a rotated shot": { rotateDeg: 33 },
  "a keystoned shot from below": { perspective: 0.35, rotateDeg: -6 },
  "an out-of-focus shot": { blurSigma: 2.5 },
  "heavy JPEG artefacts": { jpegQuality: 12 },
  "a dim corridor": { light: 0.3 },
  "glare on the laminate": { glare: true },
  "a small poster in a wide scene": { posterFraction: 0.2, offset: { x: 0.3, y: -0.25 } },
};

describe("decodeQr reads generated poster photos to the exact text", () => {
  for (const [name, options] of Object.entries(distortions)) {
    it(`reads ${name} at 1280 px`, async () => {
      const result = await decodeQr(await photograph(poster, options));
      expect(result.outcome).toBe("decoded");
      expect(result.codes.map((c) => c.text)).toEqual([PAYLOAD]);
      expect(Buffer.from(result.codes[0]!.bytes, "base64").toString("utf8")).toBe(PAYLOAD);
      expect(result.image).toMatchObject({ width: 1280, height: 960, format: "jpeg", orientation: 1 });
    });
  }

  it("reads a 12 MP phone photo and gives corners in its full-size pixels", async () => {
    const result = await decodeQr(await photograph(poster, { width: 4032, height: 3024, rotateDeg: 4, perspective: 0.1 }));
    expect(result.codes.map((c) => c.text)).toEqual([PAYLOAD]);
    const xs = result.codes[0]!.corners.map((p) => p.x);
    // The code sits in the middle of the poster, which is centred in the frame.
    expect(Math.min(...xs)).toBeGreaterThan(1200);
    expect(Math.max(...xs)).toBeLessThan(2900);
  }, 20_000);

  it("reads a small poster in a wide 12 MP scene", async () => {
    const result = await decodeQr(await photograph(poster, { width: 4032, height: 3024, posterFraction: 0.18, offset: { x: -0.3, y: 0.2 } }));
    expect(result.codes.map((c) => c.text)).toEqual([PAYLOAD]);
  }, 20_000);

  it("returns every code when two posters share the photo", async () => {
    const other = await renderTestPoster({ payload: "https://kiemdich.hue.gov.vn/dd/HUE-VN-0043", venueName: "Tiệm bánh Ngự Bình", address: "5 Lê Lợi, Huế" });
    const photo = await photographScene([
      { poster, posterFraction: 0.7, offset: { x: -0.22, y: 0 } },
      { poster: other, posterFraction: 0.7, offset: { x: 0.22, y: 0 }, rotateDeg: 5 },
    ]);
    const result = await decodeQr(photo);
    expect(result.codes.map((c) => c.text).sort()).toEqual([PAYLOAD, "https://kiemdich.hue.gov.vn/dd/HUE-VN-0043"]);
  });

  it("says no code was found on a wall without a poster, after trying every attempt", async () => {
    const wall = await noisePhoto(1280, 960);
    const result = await decodeQr(wall);
    expect(result).toMatchObject({ outcome: "no_code_found", codes: [] });
    expect(result.attempts.length).toBeGreaterThan(1);
  });

  it("applies EXIF orientation: corners are in the upright photo", async () => {
    const photo = await photograph(poster, { posterFraction: 0.5, offset: { x: 0.25, y: 0 } });
    // Store the pixels turned a quarter left and tag them "rotate 90° clockwise to view".
    const sideways = await sharp(photo).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const result = await decodeQr(sideways);
    expect(result.image).toMatchObject({ width: 1280, height: 960, orientation: 6 });
    expect(result.codes.map((c) => c.text)).toEqual([PAYLOAD]);
    expect(Math.min(...result.codes[0]!.corners.map((p) => p.x))).toBeGreaterThan(640);
  });

  it("flattens transparency on white and reads PNG, WebP, GIF and TIFF", async () => {
    const transparent = await sharp(poster).resize({ width: 600 }).unflatten().png().toBuffer();
    const formats = {
      png: transparent,
      webp: await sharp(poster).resize({ width: 600 }).webp().toBuffer(),
      gif: await sharp(poster).resize({ width: 600 }).gif().toBuffer(),
      tiff: await sharp(poster).resize({ width: 600 }).tiff().toBuffer(),
    };
    for (const [format, bytes] of Object.entries(formats)) {
      const result = await decodeQr(bytes);
      expect({ format: result.image.format, texts: result.codes.map((c) => c.text) }).toEqual({ format, texts: [PAYLOAD] });
    }
  });

  it("stops at the time budget and returns what it has", async () => {
    const wall = await noisePhoto(640, 480);
    const result = await decodeQr(wall, { budgetMs: 1 });
    expect(result.outcome).toBe("no_code_found");
    expect(result.attempts.length).toBeLessThanOrEqual(1);
  });
});
