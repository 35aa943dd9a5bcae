import sharp from "sharp";
import "../../platform/fonts.js";
import type { Point } from "../qr/engines.js";
import { IMAGE_LIMITS, readableImage } from "../qr/load-image.js";

export const PREVIEW_MAX_SIDE = 1280;

/**
 * A JPEG of the photo (upright, at most 1280 px) with each found code outlined, so an officer
 * sees at a glance which code the server read. `codes` carry corners in upright full-size
 * pixels, as decodeQr returns them.
 *
 * One libvips pipeline from the upload to the JPEG: the shrunk pixels never become a JavaScript
 * Buffer, which only the garbage collector would free (V8 lets up to 64 MB of such buffers wait).
 */
export async function annotatedPreview(upload: Uint8Array, codes: readonly { corners: readonly Point[] }[]): Promise<Buffer> {
  const { bytes } = await readableImage(Buffer.isBuffer(upload) ? upload : Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength));
  const meta = await sharp(bytes, { pages: 1, limitInputPixels: IMAGE_LIMITS.maxPixels }).metadata();
  const upright = { width: meta.autoOrient?.width ?? meta.width ?? 1, height: meta.autoOrient?.height ?? meta.height ?? 1 };
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(upright.width, upright.height));
  // Rounded down, so the drawing is never larger than the resized photo (sharp refuses that).
  const width = Math.max(1, Math.floor(upright.width * scale));
  const height = Math.max(1, Math.floor(upright.height * scale));
  const image = sharp(bytes, { pages: 1, limitInputPixels: IMAGE_LIMITS.maxPixels })
    .rotate()
    .resize({ width: PREVIEW_MAX_SIDE, height: PREVIEW_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" });
  const svg = outlines(codes, scale, width, height);
  return (svg ? image.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]) : image).jpeg({ quality: 82 }).toBuffer();
}

function outlines(codes: readonly { corners: readonly Point[] }[], scale: number, width: number, height: number): string | undefined {
  if (codes.length === 0) return undefined;
  const stroke = Math.max(3, Math.round(Math.max(width, height) / 250));
  const drawn = codes
    .map((code, index) => {
      const points = code.corners.map((p) => `${(p.x * scale).toFixed(1)},${(p.y * scale).toFixed(1)}`).join(" ");
      const label = code.corners[0];
      return `<polygon points="${points}" fill="none" stroke="#000" stroke-width="${stroke * 2}" stroke-linejoin="round"/>
<polygon points="${points}" fill="none" stroke="#00e676" stroke-width="${stroke}" stroke-linejoin="round"/>
${label ? `<text x="${(label.x * scale).toFixed(1)}" y="${(label.y * scale - stroke * 2).toFixed(1)}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${stroke * 7}" fill="#00e676" stroke="#000" stroke-width="1">${index + 1}</text>` : ""}`;
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${drawn}</svg>`;
}
