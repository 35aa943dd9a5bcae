import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq } from "./plain.js";

/**
 * Deadline rules an administrator sets with `npm run cli -- deadlines set`: one row for the
 * default (`_id` "default") and one per province that overrides it (`_id` the province code).
 * A missing field falls back to the default row, then to the built-in default.
 */
const deadlineRuleSchema = new Schema(
  {
    _id: { type: String, required: true },
    acknowledgeHours: { type: Number, required: false, min: 1 },
    closeDays: { type: Number, required: false, min: 1 },
    remindBeforeHours: { type: Number, required: false, min: 0 },
  },
  { timestamps: true },
);

export interface StoredDeadlineRule {
  scope: string;
  acknowledgeHours?: number;
  closeDays?: number;
  remindBeforeHours?: number;
}

export function deadlineRuleStore(conn: Connection) {
  const Rule = modelOn(conn, "DeadlineRule", deadlineRuleSchema);
  return {
    async all(): Promise<StoredDeadlineRule[]> {
      const docs = await Rule.find({}).sort({ _id: 1 }).lean();
      return docs.map((d) => ({
        scope: d._id,
        ...(d.acknowledgeHours != null ? { acknowledgeHours: d.acknowledgeHours } : {}),
        ...(d.closeDays != null ? { closeDays: d.closeDays } : {}),
        ...(d.remindBeforeHours != null ? { remindBeforeHours: d.remindBeforeHours } : {}),
      }));
    },
    /** Sets the given fields of one scope's rule, leaving the others as they were. */
    async set(scope: string, rule: Omit<StoredDeadlineRule, "scope">): Promise<void> {
      const fields = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Number(v)]));
      await Rule.updateOne({ _id: eq(scope) }, { $set: fields }, { upsert: true, runValidators: true });
    },
    syncIndexes: () => Rule.syncIndexes(),
  };
}
