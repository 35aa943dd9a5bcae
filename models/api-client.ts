import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { modelOn } from "./model-on.js";
import { eq, toPlain, type Plain } from "./plain.js";

/**
 * Systems allowed to file reports through the Open311 API (an operations centre, a city app).
 * Only the SHA-256 of each key is stored: a database reader cannot act as a client.
 */
const apiClientSchema = new Schema({
  name: { type: String, required: true },
  keyHash: { type: String, required: true },
  /** A client bound to a province files and reads only there. */
  provinceCode: { type: String, required: false },
  createdAt: { type: Date, required: true },
  revokedAt: { type: Date, required: false },
});
apiClientSchema.index({ keyHash: 1 }, { unique: true });

export type ApiClientDoc = InferSchemaType<typeof apiClientSchema>;
export type ApiClient = Omit<Plain<ApiClientDoc>, "keyHash">;

export function apiClientStore(conn: Connection) {
  const ApiClient = modelOn(conn, "ApiClient", apiClientSchema);
  const plain = (doc: ApiClientDoc & { _id: unknown }): ApiClient => {
    const { keyHash: _hash, ...rest } = toPlain(doc as ApiClientDoc & { _id: string });
    return rest;
  };
  return {
    async create(c: { name: string; keyHash: string; provinceCode?: string; createdAt: Date }): Promise<ApiClient> {
      return plain((await ApiClient.create(c)).toObject());
    },
    /** The active client holding this key; undefined for an unknown or revoked key. */
    async activeByKeyHash(keyHash: string): Promise<ApiClient | undefined> {
      const doc = await ApiClient.findOne({ keyHash: eq(keyHash), revokedAt: { $exists: false } }).lean();
      return doc ? plain(doc) : undefined;
    },
    async list(): Promise<ApiClient[]> {
      return (await ApiClient.find({}).sort({ createdAt: 1, _id: 1 }).lean()).map(plain);
    },
    async revoke(id: string, at: Date): Promise<ApiClient | undefined> {
      const doc = await ApiClient.findOneAndUpdate({ _id: String(id) }, { $set: { revokedAt: at } }, { new: true, lean: true });
      return doc ? plain(doc) : undefined;
    },
    syncIndexes: () => ApiClient.syncIndexes(),
  };
}
