import sharp from "sharp";
import "../../platform/fonts.js";
import type { Point } from "../qr/engines.js";
import { IMAGE_LIMITS, readableImage } from "../qr/load-image.js";

export const PREVIEW_MAX_SIDE = 1280;

/**
 * A JPEG of the photo (upright, at most 1280 px) with each found code outlined, so an officer
 * sees at a glance which code the server read. `codes` carry corners in upright full-size
 * pixels, as decodeQr returns them.
 */
export async function annotatedPreview(upload: Uint8Array, codes: readonly { corners: readonly Point[] }[]): Promise<Buffer> {
  const { bytes } = await readableImage(Buffer.isBuffer(upload) ? upload : Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength));
  const { data, info } = await sharp(bytes, { pages: 1, limitInputPixels: IMAGE_LIMITS.maxPixels })
    .rotate()
    .resize({ width: PREVIEW_MAX_SIDE, height: PREVIEW_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const upright = await sharp(bytes, { pages: 1 }).rotate().metadata();
  const scale = info.width / (upright.autoOrient?.width ?? upright.width ?? info.width);
  const stroke = Math.max(3, Math.round(Math.max(info.width, info.height) / 250));
  const outlines = codes
    .map((code, index) => {
      const points = code.corners.map((p) => `${(p.x * scale).toFixed(1)},${(p.y * scale).toFixed(1)}`).join(" ");
      const label = code.corners[0];
      return `<polygon points="${points}" fill="none" stroke="#000" stroke-width="${stroke * 2}" stroke-linejoin="round"/>
<polygon points="${points}" fill="none" stroke="#00e676" stroke-width="${stroke}" stroke-linejoin="round"/>
${label ? `<text x="${(label.x * scale).toFixed(1)}" y="${(label.y * scale - stroke * 2).toFixed(1)}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${stroke * 7}" fill="#00e676" stroke="#000" stroke-width="1">${index + 1}</text>` : ""}`;
    })
    .join("\n");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${info.width}" height="${info.height}">${outlines}</svg>`;
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 82 })
    .toBuffer();
}
