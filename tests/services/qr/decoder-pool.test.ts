import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDecoderPool, type DecoderPool } from "../../../services/qr/decoder-pool.js";
import { DecoderBusyError, ImageRejectedError } from "../../../services/qr/errors.js";
import { photograph, renderTestPoster } from "../../support/posters.js";

const PAYLOAD = "https://kiemdich.hue.gov.vn/dd/HUE-VN-0077";
let photo: Buffer;
let pool: DecoderPool;

beforeAll(async () => {
  photo = await photograph(await renderTestPoster({ payload: PAYLOAD, venueName: "Nhà sách Phương Nam", address: "15 Lê Lợi, Huế" }), { rotateDeg: 10 });
  pool = createDecoderPool({ threads: 1, maxQueue: 2 });
});

afterAll(() => pool.close());

describe("the decoder pool decodes off the event loop", () => {
  it("returns the same plain result as decodeQr", async () => {
    const result = await pool.decode(photo);
    expect(result.outcome).toBe("decoded");
    expect(result.codes.map((c) => c.text)).toEqual([PAYLOAD]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("leaves libvips' operation cache off for the whole process once a photo is decoded (every photo differs)", async () => {
    await pool.decode(photo);
    const limits = sharp.cache();
    expect([limits.memory.max, limits.items.max, limits.files.max]).toEqual([0, 0, 0]);
  });

  it("re-throws a refused upload as ImageRejectedError with its reason", async () => {
    const error = await pool.decode(Buffer.from("not a photo")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRejectedError);
    expect((error as ImageRejectedError).reason).toBe("not_image");
  });

  it("answers DecoderBusyError when the queue is full, and still finishes the queued photos", async () => {
    const burst = Array.from({ length: 6 }, () => pool.decode(photo).then(
      (r) => r.outcome,
      (e: unknown) => e,
    ));
    const outcomes = await Promise.all(burst);
    const busy = outcomes.filter((o) => o instanceof DecoderBusyError);
    expect(busy.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === "decoded").length).toBe(outcomes.length - busy.length);
  });
});
