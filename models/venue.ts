import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

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
  },
  { timestamps: true },
);
venueSchema.index({ code: 1 }, { unique: true });
venueSchema.index({ qrPayloads: 1 });
venueSchema.index({ wardCode: 1, status: 1 });

export type VenueDoc = InferSchemaType<typeof venueSchema>;
export type Venue = Plain<VenueDoc>;

export function venueStore(conn: Connection) {
  const Venue = modelOn(conn, "Venue", venueSchema);
  return {
    async byCode(code: string): Promise<Venue | undefined> {
      const doc = await Venue.findOne({ code: eq(code) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async byPayload(normalisedPayload: string): Promise<Venue | undefined> {
      const doc = await Venue.findOne({ qrPayloads: eq(normalisedPayload) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async setStatus(code: string, status: VenueStatus): Promise<boolean> {
      const res = await Venue.updateOne({ code: eq(code) }, { $set: { status } });
      return res.matchedCount === 1;
    },
    syncIndexes: () => Venue.syncIndexes(),
  };
}
