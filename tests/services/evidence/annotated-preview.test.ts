import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { annotatedPreview } from "../../../services/evidence/annotated-preview.js";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { photograph, renderTestPoster } from "../../support/posters.js";

describe("annotatedPreview", () => {
  it("draws the found code's outline on a JPEG of at most 1280 px", async () => {
    const poster = await renderTestPoster({ payload: "HUE-VN-0099", venueName: "Chè Hẻm", address: "1 Hùng Vương, Huế" });
    const photo = await photograph(poster, { width: 2000, height: 1500, rotateDeg: 8 });
    const { codes } = await decodeQr(photo);
    expect(codes).toHaveLength(1);
    const preview = await annotatedPreview(photo, codes);
    const meta = await sharp(preview).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1280, height: 960 });
    // The outline is bright green where the code's top-left corner is (scaled to the preview).
    const corner = codes[0]!.corners[0]!;
    const scale = 1280 / 2000;
    const { data, info } = await sharp(preview)
      .extract({ left: Math.round(corner.x * scale) - 6, top: Math.round(corner.y * scale) - 6, width: 12, height: 12 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    let greenish = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i + 1]! > 180 && data[i]! < 100 && data[i + 2]! < 150) greenish++;
    expect(greenish).toBeGreaterThan(5);
  });

  it("returns the plain photo, shrunk, when there is no code", async () => {
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#777" } }).png().toBuffer();
    const meta = await sharp(await annotatedPreview(photo, [])).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 640, height: 480 });
  });
});
