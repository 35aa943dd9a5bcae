import type { Model } from "mongoose";

/**
 * Writes whole documents keyed by _id in two set operations: one deleteMany over the ids, one
 * insertMany. FerretDB v1 over SQLite scans the whole collection for every updateOne, even by
 * _id (200 upserts into 2,000 wards took minutes), while one `$in` scan plus a bulk insert
 * takes milliseconds. Each document is written whole (never half-written); a reader may miss a
 * replaced document for the moment between the two calls.
 */
export async function replaceMany<T extends { _id: string }>(model: Model<never>, docs: T[], existing: ReadonlySet<string>): Promise<void> {
  if (docs.length === 0) return;
  const replaced = docs.filter((d) => existing.has(d._id)).map((d) => d._id);
  if (replaced.length > 0) await model.deleteMany({ _id: { $in: replaced } } as never);
  await model.insertMany(docs, { ordered: false });
}
