import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

const wardSchema = new Schema(
  {
    /** The official code of the commune-level unit (phường, xã, đặc khu). */
    code: { type: String, required: true },
    name: { type: String, required: true },
    /** e.g. "Phường", "Xã", "Đặc khu" */
    kind: { type: String, required: true },
    provinceCode: { type: String, required: true },
    provinceName: { type: String, required: true },
    /** Lower-case ASCII words of kind + name, for search that forgives missing diacritics. */
    searchKey: { type: String, required: true },
    /** GeoJSON Polygon or MultiPolygon; point lookups run in memory, not in the database. */
    boundary: { type: Schema.Types.Mixed, required: false },
    source: { type: String, required: true, default: "import" },
  },
  { timestamps: true },
);
wardSchema.index({ code: 1 }, { unique: true });
wardSchema.index({ provinceCode: 1, searchKey: 1 });

export type WardDoc = InferSchemaType<typeof wardSchema>;
export type Ward = Plain<WardDoc>;

export function wardStore(conn: Connection) {
  const Ward = modelOn(conn, "Ward", wardSchema);
  return {
    async byCode(code: string): Promise<Ward | undefined> {
      const doc = await Ward.findOne({ code: eq(code) }).lean();
      return doc ? toPlain(doc) : undefined;
    },
    async inProvince(provinceCode: string): Promise<Ward[]> {
      const docs = await Ward.find({ provinceCode: eq(provinceCode) }, { boundary: 0 }).sort({ code: 1 }).lean();
      return docs.map(toPlain);
    },
    syncIndexes: () => Ward.syncIndexes(),
  };
}
