import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, escapeRegex, toPlain, type Plain } from "./plain.js";

/** The kinds of venue the 2021 directives list. */
export const VENUE_CATEGORIES = [
  "office",
  "factory",
  "restaurant_cafe",
  "bar_karaoke",
  "massage_spa",
  "gym",
  "hotel_guesthouse",
  "market",
  "supermarket_shop",
  "school",
  "hospital_clinic",
  "transport",
  "tourist_religious",
  "other",
] as const;
export type VenueCategory = (typeof VENUE_CATEGORIES)[number];

export const VENUE_STATUSES = ["active", "suspended", "closed"] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

const venueSchema = new Schema(
  {
    /**
     * The code doubles as _id: FerretDB v1 over SQLite finds documents by _id directly but
     * scans and decodes the whole collection for any other filter (an import took minutes).
     */
    _id: { type: String, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    address: { type: String, required: true },
    category: { type: String, required: true, enum: VENUE_CATEGORIES },
    wardCode: { type: String, required: true },
    location: {
      type: new Schema({ lat: { type: Number, required: true }, lng: { type: Number, required: true } }, { _id: false }),
      required: true,
    },
    /** Normalised official payloads printed on this venue's posters. */
    qrPayloads: { type: [String], default: [] },
    status: { type: String, required: true, enum: VENUE_STATUSES, default: "active" },
    source: { type: String, required: true, default: "import" },
    /** Hash of the imported fields: a re-import leaves unchanged venues untouched. */
    importHash: { type: String, required: false },
  },
  { timestamps: true },
);
venueSchema.index({ code: 1 }, { unique: true });
venueSchema.index({ qrPayloads: 1 });
venueSchema.index({ wardCode: 1, status: 1 });

export type VenueDoc = InferSchemaType<typeof venueSchema>;
export type Venue = Plain<VenueDoc>;

/** The fields an import sets. */
export type VenueImport = Pick<VenueDoc, "code" | "name" | "address" | "category" | "wardCode" | "qrPayloads" | "status" | "source"> & {
  location: { lat: number; lng: number };
  importHash: string;
};

export function venueStore(conn: Connection) {
  const Venue = modelOn(conn, "Venue", venueSchema);
  return {
    async byCode(code: string): Promise<Venue | undefined> {
      const doc = await Venue.findOne({ _id: eq(code) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async byPayload(normalisedPayload: string): Promise<Venue | undefined> {
      const doc = await Venue.findOne({ qrPayloads: eq(normalisedPayload) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async setStatus(code: string, status: VenueStatus): Promise<boolean> {
      const res = await Venue.updateOne({ _id: eq(code) }, { $set: { status } });
      return res.matchedCount === 1;
    },
    /** code → importHash for the given codes (queried in batches of plain strings). */
    async importHashes(codes: string[]): Promise<Map<string, string | null | undefined>> {
      const found = new Map<string, string | null | undefined>();
      for (let i = 0; i < codes.length; i += 1000) {
        const batch = codes.slice(i, i + 1000).map(String);
        const docs = await Venue.find({ _id: { $in: batch } }, { code: 1, importHash: 1 }).lean();
        for (const d of docs) found.set(d.code, d.importHash);
      }
      return found;
    },
    /** Inserts new venues and replaces the imported fields of known ones; one atomic write per venue. */
    async upsertMany(venues: VenueImport[], known: ReadonlySet<string>): Promise<void> {
      if (venues.length === 0) return;
      await Venue.bulkWrite(
        venues.map((v) =>
          known.has(v.code)
            ? { updateOne: { filter: { _id: eq(v.code) }, update: { $set: v }, upsert: true } }
            : { insertOne: { document: { _id: v.code, ...v } } },
        ),
        { ordered: false },
      );
    },
    /** Every venue in code order, one at a time, for exports of any size. */
    async *each(): AsyncGenerator<Venue> {
      for await (const doc of Venue.find({}).sort({ code: 1 }).lean().cursor()) yield toPlain(doc);
    },
    count: () => Venue.countDocuments({}),
    /** Codes of venues whose name contains `text` (case-insensitive), at most `limit`. */
    async codesByName(text: string, limit: number): Promise<string[]> {
      const pattern = escapeRegex(text);
      const docs = await Venue.find({ name: { $regex: pattern, $options: "i" } }, { code: 1 }).limit(limit).lean();
      return docs.map((d) => d.code);
    },
    /** Registered (not closed) venues of a ward, the denominator of its compliance figure. */
    countInWard: (wardCode: string) => Venue.countDocuments({ wardCode: eq(wardCode), status: { $ne: "closed" } }),
    syncIndexes: () => Venue.syncIndexes(),
  };
}
