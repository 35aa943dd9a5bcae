import sharp from "sharp";

/** A JPEG of grey noise: a photo with plenty of texture and certainly no code in it. */
export function noisePhoto(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: "#8c8c8c", noise: { type: "gaussian", mean: 140, sigma: 40 } },
  })
    .jpeg()
    .toBuffer();
}
