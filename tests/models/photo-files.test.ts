import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { photoFiles } from "../../models/photo-files.js";
import { useTestDatabase } from "../support/database.js";

const db = useTestDatabase();
const bucket = () => new mongoose.mongo.GridFSBucket(db().db!, { bucketName: "photos" });

async function readWithDriver(id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of bucket().openDownloadStream(new mongoose.mongo.ObjectId(id))) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe("photo bytes in GridFS's layout", () => {
  it("reads back a photo of several chunks byte for byte, and GridFS tools read it too", async () => {
    const files = photoFiles(db());
    const bytes = randomBytes(600 * 1024);
    const id = await files.put(bytes, "poster.jpg", "image/jpeg");
    expect(Buffer.compare(await files.read(id), bytes)).toBe(0);
    expect(Buffer.compare(await readWithDriver(id), bytes)).toBe(0);
    // Each chunk is found by its _id, which is what keeps a read from scanning every stored photo.
    expect(await db().collection("photos.chunks").countDocuments({ _id: `${id}/2` as never })).toBe(1);
  });

  it("reads photos the driver wrote before, and deletes a file with its chunks", async () => {
    const files = photoFiles(db());
    const bytes = randomBytes(300 * 1024);
    const upload = bucket().openUploadStream("old.jpg");
    await new Promise<void>((resolve, reject) => upload.once("finish", () => resolve()).once("error", reject).end(bytes));
    const old = String(upload.id);
    expect(Buffer.compare(await files.read(old), bytes)).toBe(0);
    const before = await files.count();
    await files.delete(old);
    await files.delete(old);
    expect(await files.count()).toBe(before - 1);
    expect(await db().collection("photos.chunks").countDocuments({ files_id: upload.id })).toBe(0);
  });
});
