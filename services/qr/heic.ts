import sharp from "sharp";
import { ImageRejectedError } from "./errors.js";

/**
 * An iPhone photo sent as a file arrives as HEIC, which sharp's prebuilt libvips cannot read
 * (no HEVC decoder). libheif as WebAssembly decodes it to pixels; we hand the rest of the
 * pipeline a PNG of them. The pixel count is checked from the header before decoding, so a
 * HEIC bomb costs nothing. A HEIC libheif cannot decode is refused as "heic": the resident is
 * told how to send it as a photo, which Telegram and Zalo convert to JPEG.
 */
export async function heicToPng(bytes: Buffer, maxPixels: number): Promise<Buffer> {
  // libheif costs each thread that loads it about 25 MB (its WebAssembly compiled, its memory,
  // its JavaScript), and HEIC uploads are rare: a thread loads it with the first one.
  const { default: decodeHeic } = await import("heic-decode");
  const images = await decodeHeic.all({ buffer: bytes }).catch((error: unknown) => {
    throw new ImageRejectedError("heic", error instanceof Error ? error.message : String(error));
  });
  try {
    const first = images[0]!;
    if (first.width * first.height > maxPixels) throw new ImageRejectedError("too_many_pixels", `${first.width}x${first.height}`);
    const { data, width, height } = await first.decode().catch((error: unknown) => {
      throw new ImageRejectedError("heic", error instanceof Error ? error.message : String(error));
    });
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return await sharp(raw, { raw: { width, height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
  } finally {
    images.dispose();
  }
}
