import sharp, { type Sharp, type SharpOptions } from "sharp";
import type { Pixels } from "./engines.js";
import { ImageRejectedError } from "./errors.js";
import { heicToPng } from "./heic.js";
import { sniffFormat, type AcceptedFormat } from "./sniff-format.js";

/**
 * One set of limits for every channel, quoted by the bot's refusals and the README. 20 MB is
 * the most Telegram lets a bot download, so a larger limit would be a promise we cannot keep.
 */
export const IMAGE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxPixels: 50_000_000 } as const;
const PIPELINE_TIMEOUT_S = 10;

export interface ImageFacts {
  /** Size of the upright image (EXIF orientation applied), in pixels. */
  width: number;
  height: number;
  format: AcceptedFormat;
  /** The EXIF orientation tag as found (1 = upright). */
  orientation: number;
}

/**
 * Bytes sharp can read: the upload itself, or a PNG of a HEIC photo's pixels. Throws
 * ImageRejectedError for an empty, oversized or unrecognised upload.
 */
export async function readableImage(bytes: Buffer): Promise<{ bytes: Buffer; format: AcceptedFormat }> {
  if (bytes.length === 0) throw new ImageRejectedError("empty");
  if (bytes.length > IMAGE_LIMITS.maxBytes) throw new ImageRejectedError("too_large_bytes", `${bytes.length} bytes`);
  const format = sniffFormat(bytes);
  return { bytes: format === "heic" ? await heicToPng(bytes, IMAGE_LIMITS.maxPixels) : bytes, format };
}

/** Checks readable bytes (see readableImage) without decoding their pixels; throws ImageRejectedError. */
export async function inspectImage(bytes: Buffer, format: AcceptedFormat): Promise<ImageFacts> {
  // No `pages` option here: with it, metadata reports the one page asked for, not the count.
  const meta = await sharp(bytes, { limitInputPixels: IMAGE_LIMITS.maxPixels }).metadata().catch((error: unknown) => {
    throw rejection(error);
  });
  if (!meta.width || !meta.height) throw new ImageRejectedError("corrupt", "no dimensions");
  if (meta.width * meta.height > IMAGE_LIMITS.maxPixels) {
    throw new ImageRejectedError("too_many_pixels", `${meta.width}x${meta.height}`);
  }
  // A moving picture is not evidence of a poster on a wall: which frame would the officer judge?
  if ((meta.pages ?? 1) > 1 && (format === "gif" || format === "webp")) throw new ImageRejectedError("animation", `${meta.pages} frames`);
  const orientation = meta.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  return { width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height, format, orientation };
}

/**
 * Upright RGBA pixels with transparency flattened on white (a transparent PNG's code is
 * usually dark on nothing), shrunk on load so that the long side is at most `maxSide`.
 */
export async function renderPixels(bytes: Buffer, options: { maxSide: number }): Promise<Pixels> {
  // A hard stop well above the decode budget, so no photo can hold a worker indefinitely.
  const image = sharp(bytes, inputOptions())
    .timeout({ seconds: PIPELINE_TIMEOUT_S })
    .rotate()
    .resize({ width: options.maxSide, height: options.maxSide, fit: "inside", withoutEnlargement: true });
  return toPixels(image).catch((error: unknown) => {
    throw rejection(error);
  });
}

/** RGBA pixels of whatever the pipeline produces, 8 bits per channel. */
export async function toPixels(image: Sharp): Promise<Pixels> {
  const { data, info } = await image
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .ensureAlpha()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

function inputOptions(): SharpOptions {
  // First page only. "warning" refuses cut-off and damaged uploads (libjpeg's "corrupt data",
  // libpng's CRC errors) instead of decoding grey padding: a damaged photo is weak evidence.
  return { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: "warning", pages: 1, page: 0 };
}

function rejection(error: unknown): ImageRejectedError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new ImageRejectedError("too_many_pixels", message);
  return new ImageRejectedError("corrupt", message);
}
