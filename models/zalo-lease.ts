import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

const leaseSchema = new Schema({
  /** `${subject}#${generation}`: inserting it is the claim, and only one insert of an _id can succeed. */
  _id: { type: String, required: true },
  subject: { type: String, required: true },
  generation: { type: Number, required: true },
  owner: { type: String, required: true },
  until: { type: Date, required: true },
});
leaseSchema.index({ subject: 1, generation: -1 });
leaseSchema.index({ until: 1 });

/**
 * Time-limited exclusive claims. A conditional update (findOneAndUpdate with a filter)
 * is not a compare-and-swap on FerretDB v1 over SQLite (concurrent callers all "win"),
 * so a claim is the insert of a new document with a unique _id, which is atomic on
 * every backend. An expired claim is taken over by inserting the next generation.
 */
export function zaloLeaseStore(conn: Connection) {
  const Lease = modelOn(conn, "ZaloLease", leaseSchema);
  return {
    /** The generation claimed, or undefined when someone else holds a live claim or won the race. */
    async acquire(subject: string, owner: string, now: Date, leaseMs: number): Promise<number | undefined> {
      const latest = await Lease.findOne({ subject: { $eq: subject } }).sort({ generation: -1 }).lean();
      if (latest && latest.until.getTime() > now.getTime()) return undefined;
      const generation = (latest?.generation ?? 0) + 1;
      try {
        await Lease.create({ _id: `${subject}#${generation}`, subject, generation, owner, until: new Date(now.getTime() + leaseMs) });
        return generation;
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return undefined;
        throw e;
      }
    },
    /**
     * Extends a live claim. Only its holder calls this, and before the claim runs out (a lapsed
     * one may have a successor already, so its holder stops instead of renewing).
     */
    async renew(subject: string, generation: number, owner: string, until: Date): Promise<void> {
      await Lease.updateOne({ _id: `${subject}#${generation}`, owner: { $eq: owner } }, { $set: { until } });
    },
    /**
     * Lets the next claimer in at once. The claim is deleted, not kept, so that the collection
     * (which every acquire reads) holds only live claims; the owner check keeps a holder whose
     * claim expired and was taken over from removing its successor's.
     */
    async release(subject: string, generation: number, owner: string): Promise<void> {
      await Lease.deleteOne({ _id: `${subject}#${generation}`, owner: { $eq: owner } });
    },
    /** Claims that expired before `before` (their holders died or gave up): removed by the inbox sweeper. */
    async prune(before: Date): Promise<number> {
      return (await Lease.deleteMany({ until: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => Lease.syncIndexes(),
  };
}

export type ZaloLeaseStore = ReturnType<typeof zaloLeaseStore>;
