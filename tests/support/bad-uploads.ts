import { readFileSync } from "node:fs";
import sharp from "sharp";
import { noisePhoto } from "./photo-noise.js";

/**
 * Real files for each reason an upload is refused, shared by the decoder's tests and the
 * dialogue tests, so the resident's explanation is proven on the same bytes.
 */

/** A real iPhone-style HEIC (libheif's example image, examples/example.heic, 1280×854). */
export const realHeic = (): Buffer => readFileSync(new URL("../fixtures/images/example.heic", import.meta.url));

/** A HEIC whose header is fine and whose image data is missing: libheif cannot decode it. */
export const brokenHeic = (): Buffer => realHeic().subarray(0, 4000);

/** A PNG whose header claims `width`×`height` pixels: a decompression bomb's calling card. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).png().toBuffer();
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export async function animatedGif(frames: number): Promise<Buffer> {
  // Every frame must differ: the GIF encoder merges identical consecutive frames.
  const raw = Buffer.alloc(8 * 8 * frames * 3);
  for (let frame = 0; frame < frames; frame++) raw[(frame * 64 + (frame % 64)) * 3] = 255;
  return sharp(raw, { raw: { width: 8, height: 8 * frames, channels: 3, pageHeight: 8 } }).gif().toBuffer();
}

/** A photo with flipped bits in its image data that make a restart marker out of place: libjpeg warns of corrupt data. */
export async function damagedJpeg(): Promise<Buffer> {
  const jpeg = Buffer.from(await noisePhoto(640, 480));
  jpeg[20000] = 0xff;
  jpeg[20001] = 0xd3;
  return jpeg;
}

/** A photo cut off in the middle of its image data, as an interrupted upload leaves it. */
export async function truncatedJpeg(): Promise<Buffer> {
  return (await noisePhoto(640, 480)).subarray(0, 4000);
}

export const avif = (): Promise<Buffer> => sharp({ create: { width: 16, height: 16, channels: 3, background: "#000" } }).avif().toBuffer();

/** A real JPEG padded past the 20 MB limit. */
export async function oversizedJpeg(): Promise<Buffer> {
  return Buffer.concat([await noisePhoto(640, 480), Buffer.alloc(20 * 1024 * 1024)]);
}
