import { createHash } from "node:crypto";
import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { CHANNELS } from "./account.js";
import { modelOn } from "./model-on.js";
import { photoFiles } from "./photo-files.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * One received photo: its original bytes in GridFS (never re-encoded, so the hash
 * an enforcement team checks is of exactly what the resident sent) and the facts
 * the server derived from it.
 */
const evidenceSchema = new Schema(
  {
    sha256: { type: String, required: true },
    fileId: { type: String, required: true },
    previewFileId: { type: String, required: false },
    size: { type: Number, required: true },
    mime: { type: String, required: true },
    filename: { type: String, required: false },
    accountId: { type: String, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    /** When the server received it, by the application's clock. */
    receivedAt: { type: Date, required: true },
    /** EXIF facts (time, GPS, device), decode result and registry verdict: plain data from the core. */
    exif: { type: Schema.Types.Mixed, required: false },
    decode: { type: Schema.Types.Mixed, required: false },
    verdict: { type: Schema.Types.Mixed, required: false },
    /** Set when the retention job deleted the photo's bytes; the hash and the facts above stay. */
    prunedAt: { type: Date, required: false },
  },
  { timestamps: true },
);
evidenceSchema.index({ sha256: 1 });
evidenceSchema.index({ accountId: 1, receivedAt: -1 });

export type EvidenceDoc = InferSchemaType<typeof evidenceSchema>;
export type Evidence = Plain<EvidenceDoc>;

export interface NewEvidence {
  bytes: Buffer;
  mime: string;
  filename?: string;
  accountId: string;
  channel: EvidenceDoc["channel"];
  receivedAt: Date;
  preview?: Buffer;
  exif?: unknown;
  decode?: unknown;
  verdict?: unknown;
}

export function evidenceStore(conn: Connection) {
  const Evidence = modelOn(conn, "Evidence", evidenceSchema);
  const files = photoFiles(conn);

  return {
    /** Stores the bytes first, then the record: a record never points at a missing photo. */
    async save(e: NewEvidence): Promise<Evidence> {
      const sha256 = createHash("sha256").update(e.bytes).digest("hex");
      const fileId = await files.put(e.bytes, e.filename ?? `${sha256}.bin`, e.mime);
      const previewFileId = e.preview ? await files.put(e.preview, `${sha256}.preview.jpg`, "image/jpeg") : undefined;
      const doc = await Evidence.create({
        sha256,
        fileId,
        previewFileId,
        size: e.bytes.length,
        mime: e.mime,
        filename: e.filename,
        accountId: e.accountId,
        channel: e.channel,
        receivedAt: e.receivedAt,
        exif: e.exif,
        decode: e.decode,
        verdict: e.verdict,
      });
      return toPlain(doc.toObject());
    },
    async byId(id: string): Promise<Evidence | undefined> {
      const doc = await Evidence.findById(String(id)).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async bySha256(sha256: string): Promise<Evidence[]> {
      const docs = await Evidence.find({ sha256: eq(sha256) }).lean();
      return docs.map((d) => toPlain(d));
    },
    readFile: (fileId: string): Promise<Buffer> => files.read(fileId),
    /**
     * Deletes the bytes of one photo (original and preview) and marks the record pruned, keeping
     * its hash and facts. Files go first: a crash in between leaves the record to prune again,
     * never a photo kept past its time. Safe on several instances at once: a file another
     * instance already deleted is simply gone. Returns whether this call pruned anything.
     */
    async pruneFiles(id: string, at: Date): Promise<boolean> {
      const doc = await Evidence.findOne({ _id: String(id), prunedAt: { $exists: false } }).lean();
      if (!doc) return false;
      for (const fileId of [doc.fileId, doc.previewFileId].filter((f): f is string => Boolean(f))) {
        await files.delete(fileId);
      }
      const marked = await Evidence.updateOne({ _id: String(id), prunedAt: { $exists: false } }, { $set: { prunedAt: at } });
      return marked.modifiedCount === 1;
    },
    /** How many photos this account sent (its /mydata). */
    countOfAccount: (accountId: string): Promise<number> => Evidence.countDocuments({ accountId: eq(accountId) }),
    /** Re-labels these photos of `accountId` with `pseudonym` (an erasure: the photos stay the ticket's evidence). */
    async reassign(ids: string[], accountId: string, pseudonym: string): Promise<number> {
      const valid = ids.map(String).filter((id) => /^[0-9a-f]{24}$/i.test(id));
      return (await Evidence.updateMany({ _id: { $in: valid }, accountId: eq(accountId) }, { $set: { accountId: String(pseudonym) } })).modifiedCount;
    },
    /** How many photo files GridFS holds (originals and previews), for the retention test and operators. */
    countFiles: () => files.count(),
    syncIndexes: () => Evidence.syncIndexes(),
  };
}
