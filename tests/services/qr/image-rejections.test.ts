import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { ImageRejectedError, type ImageRejectionReason } from "../../../services/qr/errors.js";
import { noisePhoto } from "../../support/photo-noise.js";

const jpeg = () => noisePhoto(640, 480);

/** A PNG whose header claims `width`×`height` pixels: a decompression bomb's calling card. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
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

async function animatedGif(frames: number): Promise<Buffer> {
  // Every frame must differ: the GIF encoder merges identical consecutive frames.
  const raw = Buffer.alloc(8 * 8 * frames * 3);
  for (let frame = 0; frame < frames; frame++) raw[(frame * 64 + (frame % 64)) * 3] = 255;
  return sharp(raw, { raw: { width: 8, height: 8 * frames, channels: 3, pageHeight: 8 } }).gif().toBuffer();
}

const corpus: Record<ImageRejectionReason, () => Promise<Buffer>> = {
  empty: async () => Buffer.alloc(0),
  not_image: async () => Buffer.from("Xin chào, đây không phải là ảnh."),
  corrupt: async () => (await jpeg()).subarray(0, 4000),
  unsupported_format: () => sharp({ create: { width: 16, height: 16, channels: 3, background: "#000" } }).avif().toBuffer(),
  heic: async () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"), Buffer.alloc(64)]),
  too_large_bytes: async () => Buffer.concat([await jpeg(), Buffer.alloc(25 * 1024 * 1024)]),
  too_many_pixels: () => pngClaiming(10_000, 10_000),
  too_many_frames: () => animatedGif(80),
};

describe("uploads that are not a usable photo are refused with a reason, never a crash", () => {
  for (const [reason, build] of Object.entries(corpus)) {
    it(`refuses ${reason}`, async () => {
      const error = await decodeQr(await build()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageRejectedError);
      expect((error as ImageRejectedError).reason).toBe(reason);
    });
  }

  it("refuses a deflate stream posing as an image as not an image", async () => {
    const error = await decodeQr(deflateSync(Buffer.alloc(1000))).catch((e: unknown) => e);
    expect((error as ImageRejectedError).reason).toBe("not_image");
  });

  it("takes an animation with few frames and reads its first frame", async () => {
    const result = await decodeQr(await animatedGif(3));
    expect(result.outcome).toBe("no_code_found");
    expect(result.image.format).toBe("gif");
  });
});
