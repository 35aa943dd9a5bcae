import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/**
 * Update ids some bot instance took: the _id's uniqueness is the lock. A claim is "working"
 * while its handler runs and "done" after it succeeded; a failed handler deletes its claim, so
 * the update's redelivery is handled. Claims without a state (older ones) count as done.
 */
const processedUpdateSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
  state: { type: String, required: false, enum: ["working", "done"] },
  /** Which handling holds the claim: only it renews, finishes or releases it. */
  owner: { type: String, required: false },
  /** A "working" claim whose lease ran out belongs to a handler that died; its owner renews it while it works. */
  leaseUntil: { type: Date, required: false },
});
processedUpdateSchema.index({ at: 1 });

/** What a delivery may do: handle the update, skip it (handled), or leave it to the live handler that holds it. */
export type ClaimOutcome = "mine" | "done" | "busy";

export function processedUpdateStore(conn: Connection) {
  const ProcessedUpdate = modelOn(conn, "ProcessedUpdate", processedUpdateSchema);
  const key = (channel: string, updateId: number | string) => `${channel}:${updateId}`;
  return {
    /**
     * "mine" for the first delivery, or a redelivery after the handler that took it died without
     * finishing or releasing it (its lease ran out); "done" once handled; "busy" while another
     * handler holds a live lease. One round trip for a first delivery.
     */
    async claim(channel: string, updateId: number | string, owner: string, at: Date, leaseMs: number): Promise<ClaimOutcome> {
      const _id = key(channel, updateId);
      const leaseUntil = new Date(at.getTime() + leaseMs);
      try {
        await ProcessedUpdate.create({ _id, at, state: "working", owner, leaseUntil });
        return "mine";
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
      }
      const taken = await ProcessedUpdate.updateOne({ _id, state: "working", leaseUntil: { $lt: at } }, { $set: { at, owner, leaseUntil } });
      if (taken.modifiedCount === 1) return "mine";
      const held = await ProcessedUpdate.findOne({ _id }, { state: 1 }).lean();
      // Released between the two commands: the next delivery finds it free.
      return held?.state === "working" ? "busy" : held ? "done" : "busy";
    },
    /**
     * Extends a working claim's lease; false when it is no longer this owner's (its lease ran out and
     * another took it). A read, then a write, each by _id alone (a filter on owner and state would make
     * FerretDB v1 scan every claim while holding up all writes). Between the two the claim can change
     * hands only if this owner's lease had already run out; the new holder's lease is then extended, which
     * is harmless: it is working on the update.
     */
    async renew(channel: string, updateId: number | string, owner: string, leaseUntil: Date): Promise<boolean> {
      const _id = key(channel, updateId);
      const held = await ProcessedUpdate.findOne({ _id }, { owner: 1, state: 1 }).lean();
      if (held?.owner !== owner || held.state !== "working") return false;
      await ProcessedUpdate.updateOne({ _id }, { $set: { leaseUntil } });
      return true;
    },
    /**
     * The handler succeeded: every later delivery of the update is skipped. By _id alone, the one
     * filter FerretDB v1 answers without scanning every claim; a handler that lost its lease and
     * finished anyway did handle the update, so marking it done is right whoever holds the claim.
     */
    async finish(channel: string, updateId: number | string): Promise<void> {
      await ProcessedUpdate.updateOne({ _id: key(channel, updateId) }, { $set: { state: "done" }, $unset: { leaseUntil: 1 } });
    },
    /** The handler failed: the next delivery of the update is handled again. */
    async release(channel: string, updateId: number | string, owner: string): Promise<void> {
      await ProcessedUpdate.deleteOne({ _id: key(channel, updateId), owner, state: "working" });
    },
    /** Forgets claims taken before `before`; returns how many. */
    async pruneBefore(before: Date): Promise<number> {
      return (await ProcessedUpdate.deleteMany({ at: { $lt: before } })).deletedCount;
    },
    syncIndexes: () => ProcessedUpdate.syncIndexes(),
  };
}
