import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * What the QR check-in system reports of a venue: `day` records give the scans of one day
 * (Vietnam date); one `last` record per venue gives its last scan and its scans in the 7 days
 * before the export, for systems that export a summary instead of days.
 */
export const ACTIVITY_KINDS = ["day", "last"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const activitySchema = new Schema(
  {
    /** `<code>|<YYYY-MM-DD>` for a day, `<code>|last` for a summary: FerretDB v1 finds by _id without a scan. */
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ACTIVITY_KINDS },
    venueCode: { type: String, required: true },
    /** The venue's ward and province at import, so a keeper's re-import replaces only its own province. */
    wardCode: { type: String, required: true },
    provinceCode: { type: String, required: true },
    /** The day scanned (for `last`, the day of the last scan; absent when the venue was never scanned). */
    day: { type: String, required: false },
    /** Scans that day; for `last`, 1 when the venue was ever scanned (at least its last scan), else 0. */
    scans: { type: Number, required: true },
    /** `last` only: when the last scan happened, and the scans in the 7 days before the export. */
    lastScanAt: { type: Date, required: false },
    scans7d: { type: Number, required: false },
    importedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
activitySchema.index({ provinceCode: 1, day: 1 });
activitySchema.index({ venueCode: 1, day: 1 });

export type ActivityDoc = InferSchemaType<typeof activitySchema>;
export type Activity = Plain<ActivityDoc>;
export type NewActivity = Omit<ActivityDoc, "_id">;

export const activityId = (a: Pick<NewActivity, "kind" | "venueCode" | "day">) => `${a.venueCode}|${a.kind === "day" ? a.day : "last"}`;

export function activityStore(conn: Connection) {
  const Activity = modelOn(conn, "CheckInActivity", activitySchema);
  return {
    /** The records that exist among these ids (to tell added, updated and unchanged). */
    async existing(ids: string[]): Promise<Map<string, Activity>> {
      const docs = await Activity.find({ _id: { $in: ids.map(String) } }).lean();
      return new Map(docs.map((d) => [String(d._id), toPlain(d)]));
    },
    /**
     * Replaces whole days of some provinces, and the summaries of some venues, with these records
     * (one deleteMany, one insertMany: FerretDB v1 scans the collection for every single update).
     */
    async replace(scope: { days: string[]; provinces: string[]; summaryOf: string[]; ids?: string[] }, records: NewActivity[]): Promise<void> {
      const or: Record<string, unknown>[] = [];
      if (scope.ids?.length) or.push({ _id: { $in: scope.ids.map(String) } });
      if (scope.days.length > 0 && scope.provinces.length > 0) {
        or.push({ kind: "day", day: { $in: scope.days.map(String) }, provinceCode: { $in: scope.provinces.map(String) } });
      }
      if (scope.summaryOf.length > 0) or.push({ _id: { $in: scope.summaryOf.map((c) => `${c}|last`) } });
      if (or.length > 0) await Activity.deleteMany({ $or: or });
      if (records.length > 0) await Activity.insertMany(records.map((r) => ({ _id: activityId(r), ...r })), { ordered: false });
    },
    /** The ids of the day records stored for these days in these provinces (what a whole-day replace removes). */
    async dayIds(days: string[], provinces: string[]): Promise<string[]> {
      if (days.length === 0 || provinces.length === 0) return [];
      const docs = await Activity.find({ kind: "day", day: { $in: days.map(String) }, provinceCode: { $in: provinces.map(String) } }, { _id: 1 }).lean();
      return docs.map((d) => String(d._id));
    },
    /**
     * Per venue of a province, its last day with scans on or before `day`. Reduced here: FerretDB
     * v1 implements neither `$max` nor `$first` in `$group`; the projection keeps the rows small.
     */
    async lastScanDays(provinceCode: string, day: string): Promise<Map<string, string>> {
      const last = new Map<string, string>();
      const rows = Activity.find({ provinceCode: eq(provinceCode), day: { $lte: String(day) }, scans: { $gt: 0 } }, { _id: 0, venueCode: 1, day: 1 }).lean().cursor();
      for await (const r of rows) if (r.day! > (last.get(r.venueCode) ?? "")) last.set(r.venueCode, r.day!);
      return last;
    },
    /** (venue, day) pairs with scans in a province between two days, both included. */
    async scanDaysBetween(provinceCode: string, from: string, to: string): Promise<{ venueCode: string; day: string }[]> {
      const docs = await Activity.find(
        { provinceCode: eq(provinceCode), day: { $gte: String(from), $lte: String(to) }, scans: { $gt: 0 } },
        { venueCode: 1, day: 1 },
      ).lean();
      return docs.map((d) => ({ venueCode: d.venueCode, day: d.day! }));
    },
    /** A venue's records, newest day first (its scan history on an inspection card). */
    async ofVenue(venueCode: string, limit: number): Promise<Activity[]> {
      const docs = await Activity.find({ venueCode: eq(venueCode) }).sort({ day: -1 }).limit(limit).lean();
      return docs.map((d) => toPlain(d));
    },
    syncIndexes: () => Activity.syncIndexes(),
  };
}
