import { createHash } from "node:crypto";
import type { Connection } from "mongoose";
import { photoFiles } from "../../models/photo-files.js";
import { dataCollections, PHOTO_CHUNKS, PHOTO_FILES } from "./copy-database.js";

export interface CopyCheck {
  /** Documents per collection in the source and the target (photo chunks are checked through their photos). */
  counts: { collection: string; source: number; target: number }[];
  photos: number;
  /** Photo file ids whose bytes differ (SHA-256) or are missing in the target. */
  photoMismatches: string[];
  ok: boolean;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Counts every collection on both sides and compares the SHA-256 of every photo, read back through the photo store. */
export async function verifyCopy(sourceConn: Connection, targetConn: Connection): Promise<CopyCheck> {
  const source = sourceConn.db!;
  const target = targetConn.db!;
  const counts = [];
  for (const name of await dataCollections(source)) {
    if (name === PHOTO_CHUNKS) continue;
    counts.push({ collection: name, source: await source.collection(name).countDocuments(), target: await target.collection(name).countDocuments() });
  }
  const from = photoFiles(sourceConn);
  const to = photoFiles(targetConn);
  const photoMismatches: string[] = [];
  let photos = 0;
  for await (const file of source.collection(PHOTO_FILES).find({}, { projection: { _id: 1 } }).sort({ _id: 1 })) {
    const id = String(file._id);
    photos++;
    const copied = await to.read(id).catch(() => undefined);
    if (!copied || sha256(copied) !== sha256(await from.read(id))) photoMismatches.push(id);
  }
  return { counts, photos, photoMismatches, ok: photoMismatches.length === 0 && counts.every((c) => c.source === c.target) };
}
