import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { evidenceFacts } from "../../../services/evidence/evidence-facts.js";

/** A phone photo as a Samsung in Huế would write it: time with offset, GPS with accuracy. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: "#a0a0a0" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "samsung", Model: "SM-A546E", Software: "A546EXXU5CXK1" },
      IFD2: { DateTimeOriginal: "2026:11:20 09:15:42", OffsetTimeOriginal: "+07:00" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "16/1 27/1 3042/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "107/1 35/1 1234/100",
        GPSHPositioningError: "12/1",
      },
    })
    .toBuffer();
}

describe("evidenceFacts", () => {
  it("gives the hash of the bytes as received and the EXIF facts that matter", async () => {
    const photo = await phonePhoto();
    const facts = await evidenceFacts(photo);
    expect(facts).toEqual({
      sha256: createHash("sha256").update(photo).digest("hex"),
      size: photo.length,
      mime: "image/jpeg",
      exif: {
        takenAt: "2026-11-20T09:15:42+07:00",
        gps: { lat: expect.closeTo(16.45845, 5), lng: expect.closeTo(107.58676, 4), accuracyM: 12 },
        make: "samsung",
        model: "SM-A546E",
        software: "A546EXXU5CXK1",
      },
    });
  });

  it("returns empty EXIF for a photo without metadata (Telegram strips it from photos)", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(await evidenceFacts(png)).toMatchObject({ mime: "image/png", exif: {} });
  });

  it("still describes bytes that are not an image", async () => {
    const facts = await evidenceFacts(Buffer.from("hello"));
    expect(facts).toMatchObject({ size: 5, mime: "application/octet-stream", exif: {} });
  });
});
