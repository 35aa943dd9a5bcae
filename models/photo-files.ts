import mongoose, { type Connection } from "mongoose";

/** GridFS's default chunk size: what every GridFS tool expects to find. */
const CHUNK_BYTES = 255 * 1024;

/**
 * Photo bytes in GridFS's layout (`photos.files` and `photos.chunks`, so mongodump, mongofiles
 * and the driver's GridFSBucket read them), with each chunk's _id derived from its file and
 * number. A read then fetches every chunk by _id. The driver's own reader asks for
 * `{ files_id }` sorted by `n`, which FerretDB v1 on SQLite answers by scanning every stored
 * chunk (the bench measured 85 ms per photo with 3 MB stored, 1.3 s with 48 MB, while the
 * embedded server runs nothing else); _id equality it answers from the primary key.
 */
export function photoFiles(conn: Connection) {
  const db = () => conn.db!;
  const bucket = () => new mongoose.mongo.GridFSBucket(db(), { bucketName: "photos" });
  const chunkId = (fileId: mongoose.mongo.ObjectId, n: number) => `${fileId.toHexString()}/${n}`;
  async function write(fileId: mongoose.mongo.ObjectId, bytes: Buffer, file: Record<string, unknown>, upsert = false): Promise<void> {
    const chunks = [];
    for (let n = 0; n * CHUNK_BYTES < bytes.length; n++) {
      const data = bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES);
      chunks.push({ _id: chunkId(fileId, n) as unknown as mongoose.mongo.ObjectId, files_id: fileId, n, data: new mongoose.mongo.Binary(data) });
    }
    const files = db().collection("photos.files");
    if (!upsert) {
      if (chunks.length > 0) await db().collection("photos.chunks").insertMany(chunks, { ordered: true });
      await files.insertOne({ ...file, _id: fileId });
      return;
    }
    if (chunks.length > 0) {
      await db().collection("photos.chunks").bulkWrite(chunks.map((c) => ({ replaceOne: { filter: { _id: c._id }, replacement: c, upsert: true } })), { ordered: true });
    }
    await files.replaceOne({ _id: fileId }, { ...file, _id: fileId, length: bytes.length }, { upsert: true });
  }

  return {
    /** Chunks first, then the file document (as GridFS does): a file document never points at missing chunks. */
    async put(bytes: Buffer, filename: string, contentType: string): Promise<string> {
      const fileId = new mongoose.mongo.ObjectId();
      await write(fileId, bytes, { length: bytes.length, chunkSize: CHUNK_BYTES, uploadDate: new Date(), filename, metadata: { contentType } });
      return fileId.toHexString();
    },

    /**
     * Writes a photo read from another database under its own id and file document (db copy);
     * upserts, so writing it again after an interrupted copy leaves one file and one set of chunks.
     */
    async restore(file: Record<string, unknown> & { _id: mongoose.mongo.ObjectId }, bytes: Buffer): Promise<void> {
      await write(file._id, bytes, { ...file, chunkSize: CHUNK_BYTES }, true);
    },

    async read(id: string): Promise<Buffer> {
      const fileId = new mongoose.mongo.ObjectId(String(id));
      const file = await db().collection("photos.files").findOne({ _id: fileId }, { projection: { length: 1, chunkSize: 1 } });
      if (!file) throw new Error(`photo file ${id} not found`);
      const count = Math.ceil(Number(file.length) / Number(file.chunkSize));
      const chunks = db().collection<{ _id: string; data: mongoose.mongo.Binary }>("photos.chunks");
      const parts = await Promise.all(Array.from({ length: count }, (_, n) => chunks.findOne({ _id: chunkId(fileId, n) })));
      if (parts.every((p) => p !== null)) return Buffer.concat(parts.map((p) => Buffer.from(p.data.buffer)));
      // Written before chunk ids were derived (the driver's own ObjectIds): only the driver's reader finds them.
      const read: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(fileId)) read.push(chunk as Buffer);
      return Buffer.concat(read);
    },

    /** Deletes a file and its chunks; a file already gone is not an error. */
    async delete(id: string): Promise<void> {
      await bucket()
        .delete(new mongoose.mongo.ObjectId(String(id)))
        .catch((e: unknown) => {
          if (!/FileNotFound|not found/i.test(String((e as Error).message))) throw e;
        });
    },

    count: () => db().collection("photos.files").countDocuments(),
  };
}
