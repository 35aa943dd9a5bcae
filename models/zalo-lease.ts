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
    /** Lets the next claimer in at once (only the holder writes its own generation). */
    async release(subject: string, generation: number): Promise<void> {
      await Lease.updateOne({ _id: `${subject}#${generation}` }, { $set: { until: new Date(0) } });
    },
    /** Expired claims older than `before` only keep history: removed by the inbox sweeper. */
    async prune(before: Date): Promise<number> {
      return (await Lease.deleteMany({ until: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => Lease.syncIndexes(),
  };
}

export type ZaloLeaseStore = ReturnType<typeof zaloLeaseStore>;
