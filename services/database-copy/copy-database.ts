import mongoose, { type Connection } from "mongoose";
import { photoFiles } from "../../models/photo-files.js";

type Db = mongoose.mongo.Db;
type Doc = mongoose.mongo.Document;

/** The copy's own bookkeeping in the target: one document per collection, dropped once the copy is verified. */
export const CHECKPOINTS = "dbcopy.checkpoints";
/** Photos are copied file by file through the photo store, which writes their chunks; the chunk collection is not walked. */
export const PHOTO_FILES = "photos.files";
export const PHOTO_CHUNKS = "photos.chunks";

export class TargetNotEmptyError extends Error {
  constructor(readonly collections: string[]) {
    super(`the target database already holds data (${collections.join(", ")})`);
    this.name = "TargetNotEmptyError";
  }
}

export interface CopyProgress {
  collection: string;
  /** Documents (or photos) of this collection in the target so far, counting those of an earlier run. */
  copied: number;
  total: number;
}

export interface CopyOptions {
  batchSize?: number;
  /** Empty the target's collections (and checkpoints) first; without it a target holding data and no checkpoint of ours is refused. */
  force?: boolean;
  /** Called after each batch is written and checkpointed; the tests interrupt a copy by throwing here. */
  onBatch?: (progress: CopyProgress) => void | Promise<void>;
}

interface Checkpoint {
  _id: string;
  lastId?: unknown;
  copied: number;
  done: boolean;
}

/** The data collections of a database, in name order; the server's own and the copy's bookkeeping left out. */
export async function dataCollections(db: Db): Promise<string[]> {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  return listed
    .map((c) => c.name)
    .filter((n) => !n.startsWith("system.") && n !== CHECKPOINTS)
    .sort();
}

async function refuseUnlessEmpty(source: Db, target: Db, force: boolean): Promise<void> {
  if (force) {
    if (target.databaseName === source.databaseName && (await sameServer(source, target))) throw new Error("the target is the source database itself");
    for (const name of await dataCollections(target)) await target.collection(name).deleteMany({});
    await target.collection(CHECKPOINTS).drop().catch(() => undefined);
    return;
  }
  const resuming = (await target.listCollections({ name: CHECKPOINTS }, { nameOnly: true }).toArray()).length > 0;
  if (resuming) return;
  const holding: string[] = [];
  for (const name of await dataCollections(target)) if ((await target.collection(name).findOne({}, { projection: { _id: 1 } })) !== null) holding.push(name);
  if (holding.length > 0) throw new TargetNotEmptyError(holding);
}

/** Two connections reach the same server when a marker written through one is read through the other. */
async function sameServer(source: Db, target: Db): Promise<boolean> {
  const marker = new mongoose.mongo.ObjectId();
  await target.collection(CHECKPOINTS).insertOne({ _id: marker });
  try {
    return (await source.collection(CHECKPOINTS).findOne({ _id: marker })) !== null;
  } finally {
    await target.collection(CHECKPOINTS).drop().catch(() => undefined);
  }
}

/** The source's secondary indexes (unique ones above all: claims, counters, accounts rely on them), created in the target. */
async function copyIndexes(source: Db, target: Db, name: string): Promise<void> {
  for (const index of await source.collection(name).indexes()) {
    if (index.name === "_id_") continue;
    const options: mongoose.mongo.CreateIndexesOptions = { name: index.name };
    if (index.unique) options.unique = true;
    if (index.sparse) options.sparse = true;
    if (index.partialFilterExpression) options.partialFilterExpression = index.partialFilterExpression;
    if (index.expireAfterSeconds !== undefined) options.expireAfterSeconds = index.expireAfterSeconds;
    await target.collection(name).createIndex(index.key, options);
  }
}

/**
 * Copies every collection of `source` into `target`, indexes first, then documents in `_id`
 * order in batches. After each batch the last `_id` is checkpointed in the target, so a run
 * started again after an interruption continues after it; each write is an upsert by `_id`, so
 * the batch that was being written when the interruption came is written again harmlessly.
 * Photos go file by file through the photo store (bytes read from the source's chunks, written
 * under the same file id). Returns the number of documents (photos) each collection holds in the target.
 */
export async function copyDatabase(sourceConn: Connection, targetConn: Connection, opts: CopyOptions = {}): Promise<Map<string, number>> {
  const source = sourceConn.db!;
  const target = targetConn.db!;
  const batchSize = opts.batchSize ?? 500;
  await refuseUnlessEmpty(source, target, opts.force ?? false);
  const checkpoints = target.collection<Checkpoint>(CHECKPOINTS);
  const copied = new Map<string, number>();
  const sourcePhotos = photoFiles(sourceConn);
  const targetPhotos = photoFiles(targetConn);
  for (const name of await dataCollections(source)) {
    if (name === PHOTO_CHUNKS) continue;
    // An empty collection is created too: the target lists what the source lists.
    if ((await target.listCollections({ name }, { nameOnly: true }).toArray()).length === 0) await target.createCollection(name);
    await copyIndexes(source, target, name);
    const at = (await checkpoints.findOne({ _id: name })) ?? { _id: name, copied: 0, done: false };
    if (at.done) {
      copied.set(name, at.copied);
      continue;
    }
    const total = await source.collection(name).countDocuments();
    const filter: mongoose.mongo.Filter<Doc> = at.lastId === undefined ? {} : { _id: { $gt: at.lastId as mongoose.mongo.ObjectId } };
    const cursor = source.collection(name).find(filter).sort({ _id: 1 }).batchSize(batchSize);
    let batch: Doc[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      if (name === PHOTO_FILES) {
        for (const file of batch) await targetPhotos.restore(file as Doc & { _id: mongoose.mongo.ObjectId }, await sourcePhotos.read(String(file._id)));
      } else {
        await target.collection(name).bulkWrite(batch.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })), { ordered: false });
      }
      at.copied += batch.length;
      at.lastId = batch.at(-1)!._id;
      batch = [];
      await checkpoints.replaceOne({ _id: name }, at, { upsert: true });
      await opts.onBatch?.({ collection: name, copied: at.copied, total });
    };
    try {
      for await (const doc of cursor) {
        batch.push(doc);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
    } finally {
      await cursor.close();
    }
    at.done = true;
    await checkpoints.replaceOne({ _id: name }, at, { upsert: true });
    copied.set(name, at.copied);
  }
  // GridFS's own index on the chunks (the driver's reader and mongofiles use it).
  if (copied.has(PHOTO_FILES)) await copyIndexes(source, target, PHOTO_CHUNKS);
  return copied;
}

/** Forgets the checkpoints: the copy is complete and verified. */
export async function finishCopy(targetConn: Connection): Promise<void> {
  await targetConn.db!.collection(CHECKPOINTS).drop().catch(() => undefined);
}
