import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, escapeRegex, toPlain, type Plain } from "./plain.js";
import { replaceMany } from "./replace-many.js";

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
    /** Name and address as canonical search words (see venueSearchKey), for the search by name. */
    searchText: { type: String, required: false },
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
export type VenueImport = Pick<VenueDoc, "code" | "name" | "address" | "category" | "wardCode" | "qrPayloads" | "status" | "source" | "searchText"> & {
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
    /**
     * code → importHash for the given codes. Large imports read every venue once: FerretDB v1
     * scans the collection for each `$in` query, so 50 batches would mean 50 full scans.
     */
    async importHashes(codes: string[]): Promise<Map<string, string | null | undefined>> {
      const wanted = new Set(codes);
      const found = new Map<string, string | null | undefined>();
      const batches = codes.length > 1000 ? [undefined] : [codes.map(String)];
      for (const batch of batches) {
        const docs = await Venue.find(batch ? { _id: { $in: batch } } : {}, { importHash: 1 }).lean();
        for (const d of docs) if (wanted.has(String(d._id))) found.set(String(d._id), d.importHash);
      }
      return found;
    },
    /** code → ward for the given codes that exist; like importHashes, one scan for large inputs. */
    async wardsOf(codes: string[]): Promise<Map<string, string>> {
      const wanted = new Set(codes);
      const filter = codes.length > 1000 ? {} : { _id: { $in: codes.map(String) } };
      const docs = await Venue.find(filter, { wardCode: 1 }).lean();
      return new Map(docs.filter((d) => wanted.has(String(d._id))).map((d) => [String(d._id), d.wardCode]));
    },
    /** code → name for the given codes that exist (a page of tickets names its venues). */
    async namesOf(codes: string[]): Promise<Map<string, string>> {
      const docs = await Venue.find({ _id: { $in: [...new Set(codes.map(String))] } }, { name: 1 }).lean();
      return new Map(docs.map((d) => [String(d._id), d.name]));
    },
    /** code → name and registered place, for the given codes that exist (public views name the venue and show its place). */
    async placesOf(codes: string[]): Promise<Map<string, Pick<Venue, "code" | "name" | "location">>> {
      const docs = await Venue.find({ _id: { $in: [...new Set(codes.map(String))] } }, { name: 1, location: 1 }).lean();
      return new Map(docs.map((d) => [String(d._id), { code: String(d._id), name: d.name, location: { lat: d.location.lat, lng: d.location.lng } }]));
    },
    /** Active venues of these wards, in code order: the denominator of check-in compliance. */
    async activeInWards(wardCodes: string[]): Promise<Venue[]> {
      const docs = await Venue.find({ wardCode: { $in: wardCodes.map(String) }, status: "active" }).sort({ code: 1 }).lean();
      return docs.map((d) => toPlain(d));
    },
    /** Inserts new venues and replaces known ones whole (see replaceMany). */
    async upsertMany(venues: VenueImport[], known: ReadonlySet<string>): Promise<void> {
      await replaceMany(Venue as never, venues.map((v) => ({ _id: v.code, ...v })), known);
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
    /**
     * Venues (not closed) whose search text has every word as the start of one of its words,
     * at most `limit`; `words` are canonical search words (venueSearchKey).
     */
    async searchWords(words: string[], limit: number): Promise<Venue[]> {
      if (words.length === 0) return [];
      const all = words.map((w) => ({ searchText: { $regex: `(^| )${escapeRegex(String(w))}` } }));
      const docs = await Venue.find({ status: { $ne: "closed" }, $and: all }).sort({ code: 1 }).limit(limit).lean();
      return docs.map((d) => toPlain(d));
    },
    /**
     * Venues of any status, in these wards (undefined: every ward), whose search text has every
     * word as the start of one of its words (no words: all), in code order, at most `limit`.
     */
    async inWardsMatching(wardCodes: string[] | undefined, words: string[], limit: number): Promise<Venue[]> {
      const all = words.map((w) => ({ searchText: { $regex: `(^| )${escapeRegex(String(w))}` } }));
      const docs = await Venue.find({ ...(wardCodes ? { wardCode: { $in: wardCodes.map(String) } } : {}), ...(all.length ? { $and: all } : {}) })
        .sort({ code: 1 })
        .limit(limit)
        .lean();
      return docs.map((d) => toPlain(d));
    },
    /** The wards that have at least one venue. */
    wardCodes: async (): Promise<string[]> => (await Venue.distinct("wardCode")).map(String),
    /** Registered (not closed) venues of a ward, the denominator of its compliance figure. */
    countInWard: (wardCode: string) => Venue.countDocuments({ wardCode: eq(wardCode), status: { $ne: "closed" } }),
    syncIndexes: () => Venue.syncIndexes(),
  };
}
