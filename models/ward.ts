import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";
import { replaceMany } from "./replace-many.js";

const wardSchema = new Schema(
  {
    /**
     * The code doubles as _id: FerretDB v1 over SQLite finds documents by _id directly but
     * scans and decodes the whole collection for any other filter (an import took minutes).
     */
    _id: { type: String, required: true },
    /** The official code of the commune-level unit (phường, xã, đặc khu). */
    code: { type: String, required: true },
    name: { type: String, required: true },
    /** e.g. "Phường", "Xã", "Đặc khu" */
    kind: { type: String, required: true },
    provinceCode: { type: String, required: true },
    provinceName: { type: String, required: true },
    /** Lower-case ASCII words of kind + name, for search that forgives missing diacritics. */
    searchKey: { type: String, required: true },
    /**
     * GeoJSON Polygon or MultiPolygon as JSON text: FerretDB v1 rejects nested arrays ("nested
     * arrays are not supported"), and point lookups run in memory, never in the database.
     */
    boundaryGeoJson: { type: String, required: false },
    source: { type: String, required: true, default: "import" },
    /** Hash of the unit fields and of the boundary as last imported: re-imports skip what did not change. */
    unitHash: { type: String, required: false },
    boundaryHash: { type: String, required: false },
  },
  { timestamps: true },
);
wardSchema.index({ code: 1 }, { unique: true });
wardSchema.index({ provinceCode: 1, searchKey: 1 });

export type WardDoc = InferSchemaType<typeof wardSchema>;
export type Ward = Plain<WardDoc>;

/** The fields an import sets; the boundary only when the import brings one. */
export type WardImport = Pick<WardDoc, "code" | "name" | "kind" | "provinceCode" | "provinceName" | "searchKey" | "source"> & {
  unitHash: string;
  boundaryGeoJson?: string;
  boundaryHash?: string;
};

export type WardSummary = Omit<Ward, "boundaryGeoJson">;

export function wardStore(conn: Connection) {
  const Ward = modelOn(conn, "Ward", wardSchema);
  return {
    async byCode(code: string): Promise<Ward | undefined> {
      const doc = await Ward.findOne({ _id: eq(code) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async inProvince(provinceCode: string): Promise<Ward[]> {
      const docs = await Ward.find({ provinceCode: eq(provinceCode) }, { boundaryGeoJson: 0 }).sort({ code: 1 }).lean();
      return docs.map(toPlain);
    },
    /** Every ward without its boundary (a few hundred kB for the whole country). */
    async all(): Promise<WardSummary[]> {
      const docs = await Ward.find({}, { boundaryGeoJson: 0 }).sort({ code: 1 }).lean();
      return docs.map(toPlain);
    },
    /** A province's wards with their boundaries, for its map. */
    async withBoundariesInProvince(provinceCode: string): Promise<Ward[]> {
      const docs = await Ward.find({ provinceCode: eq(provinceCode) }).sort({ code: 1 }).lean();
      return docs.map(toPlain);
    },
    /** Every ward that has a boundary, for the in-memory locator. */
    async withBoundaries(): Promise<Ward[]> {
      const docs = await Ward.find({ boundaryGeoJson: { $exists: true } }).sort({ code: 1 }).lean();
      return docs.map(toPlain);
    },
    /**
     * Changes whenever an import adds or updates a ward: the count and the latest write time.
     * updatedAt is the database write's own stamp, used only to notice a change, never shown.
     */
    async fingerprint(): Promise<string> {
      const [count, latest] = await Promise.all([Ward.estimatedDocumentCount(), Ward.findOne({}, { updatedAt: 1 }).sort({ updatedAt: -1 }).lean()]);
      return `${count}:${latest?.updatedAt ? new Date(latest.updatedAt).getTime() : 0}`;
    },
    /** code → [unitHash, boundaryHash], to tell added/updated/unchanged before writing. */
    async hashes(): Promise<Map<string, { unitHash?: string | null; boundaryHash?: string | null }>> {
      const docs = await Ward.find({}, { code: 1, unitHash: 1, boundaryHash: 1 }).lean();
      return new Map(docs.map((d) => [d.code, { unitHash: d.unitHash, boundaryHash: d.boundaryHash }]));
    },
    /** Inserts new wards and replaces known ones whole, keeping a stored boundary the import does not bring. */
    async upsertMany(wards: WardImport[], known: ReadonlySet<string>): Promise<void> {
      const keep = wards.filter((w) => known.has(w.code) && !w.boundaryGeoJson).map((w) => w.code);
      const stored = keep.length === 0 ? [] : await Ward.find({ _id: { $in: keep } }, { boundaryGeoJson: 1, boundaryHash: 1 }).lean();
      const boundaries = new Map(stored.filter((d) => d.boundaryGeoJson).map((d) => [String(d._id), d]));
      const docs = wards.map((w) => {
        const b = boundaries.get(w.code);
        return { _id: w.code, ...w, ...(b ? { boundaryGeoJson: b.boundaryGeoJson, boundaryHash: b.boundaryHash } : {}) };
      });
      await replaceMany(Ward as never, docs, known);
    },
    syncIndexes: () => Ward.syncIndexes(),
  };
}
