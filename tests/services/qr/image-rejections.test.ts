import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { ImageRejectedError, type ImageRejectionReason } from "../../../services/qr/errors.js";
import { animatedGif, avif, brokenHeic, damagedJpeg, oversizedJpeg, pngClaiming, realHeic, truncatedJpeg } from "../../support/bad-uploads.js";

const corpus: Record<ImageRejectionReason, () => Promise<Buffer> | Buffer> = {
  empty: () => Buffer.alloc(0),
  not_image: () => Buffer.from("Xin chào, đây không phải là ảnh."),
  corrupt: damagedJpeg,
  unsupported_format: avif,
  heic: brokenHeic,
  too_large_bytes: oversizedJpeg,
  too_many_pixels: () => pngClaiming(10_000, 10_000),
  animation: () => animatedGif(3),
};

describe("uploads that are not a usable photo are refused with a reason, never a crash", () => {
  for (const [reason, build] of Object.entries(corpus)) {
    it(`refuses ${reason}`, async () => {
      const error = await decodeQr(await build()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageRejectedError);
      expect((error as ImageRejectedError).reason).toBe(reason);
    });
  }

  it("refuses a photo cut off mid-upload as damaged", async () => {
    const error = await decodeQr(await truncatedJpeg()).catch((e: unknown) => e);
    expect((error as ImageRejectedError).reason).toBe("corrupt");
  });

  it("refuses a deflate stream posing as an image as not an image", async () => {
    const error = await decodeQr(deflateSync(Buffer.alloc(1000))).catch((e: unknown) => e);
    expect((error as ImageRejectedError).reason).toBe("not_image");
  });

  it("reads a real HEIC photo sent as a file", async () => {
    const result = await decodeQr(realHeic(), { budgetMs: 10_000 });
    expect(result.image).toMatchObject({ format: "heic", width: 1280, height: 854 });
    expect(result.outcome).toBe("no_code_found");
  });

  it("takes a still GIF", async () => {
    const result = await decodeQr(await animatedGif(1));
    expect(result.image.format).toBe("gif");
  });
});
