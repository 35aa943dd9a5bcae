import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

const tokenSchema = new Schema({
  /** One document per Official Account (the app id). */
  _id: { type: String, required: true },
  accessToken: { type: String, required: false },
  accessExpiresAt: { type: Date, required: true, default: new Date(0) },
  refreshToken: { type: String, required: true },
  refreshExpiresAt: { type: Date, required: false },
  /** Set when Zalo refused `refreshToken`: nobody spends it again; an operator must give a new one. */
  refusedAt: { type: Date, required: false },
  refusedReason: { type: String, required: false },
  /** A digest of the operator's refresh token this pair started from: a new one in the configuration is noticed. */
  seededWith: { type: String, required: false },
});

export interface ZaloTokenPair {
  accessToken: string | undefined;
  accessExpiresAt: Date;
  refreshToken: string;
  refused: { at: Date; reason: string } | undefined;
  seededWith: string | undefined;
}

/** The OA's current token pair. Who may spend the refresh token is decided by a lease (zalo-lease.ts). */
export function zaloTokenStore(conn: Connection) {
  const Token = modelOn(conn, "ZaloToken", tokenSchema);
  return {
    async read(appId: string): Promise<ZaloTokenPair | undefined> {
      const d = await Token.findById(String(appId)).lean();
      if (!d) return undefined;
      const refused = d.refusedAt ? { at: d.refusedAt, reason: d.refusedReason ?? "" } : undefined;
      return { accessToken: d.accessToken ?? undefined, accessExpiresAt: d.accessExpiresAt, refreshToken: d.refreshToken, refused, seededWith: d.seededWith ?? undefined };
    },
    /** Stores the first refresh token unless a pair exists already (a restart must not bring back a spent one). */
    async seed(appId: string, refreshToken: string, seededWith: string): Promise<void> {
      try {
        await Token.create({ _id: String(appId), refreshToken, seededWith });
      } catch (e) {
        // Another instance seeded first: the pair exists, which is all we need.
        if ((e as { code?: number }).code !== 11000) throw e;
      }
    },
    async store(appId: string, next: { accessToken: string; accessExpiresAt: Date; refreshToken: string; refreshExpiresAt: Date }): Promise<void> {
      await Token.updateOne({ _id: String(appId) }, { $set: next, $unset: { refusedAt: 1, refusedReason: 1 } });
    },
    /** Zalo refused this refresh token: remembered, so no instance tries it again. */
    async refuse(appId: string, refreshToken: string, at: Date, reason: string): Promise<void> {
      await Token.updateOne({ _id: String(appId), refreshToken: { $eq: refreshToken } }, { $set: { refusedAt: at, refusedReason: reason } });
    },
    /** An operator's new refresh token replaces a refused one (never a working one). */
    async replaceRefused(appId: string, refreshToken: string, seededWith: string): Promise<void> {
      await Token.updateOne(
        { _id: String(appId), refusedAt: { $ne: null } },
        { $set: { refreshToken, seededWith, accessExpiresAt: new Date(0) }, $unset: { accessToken: 1, refusedAt: 1, refusedReason: 1 } },
      );
    },
    /** Marks this access token expired (Zalo answered -216), unless a newer one replaced it already. */
    async expire(appId: string, accessToken: string): Promise<void> {
      await Token.updateOne({ _id: String(appId), accessToken: { $eq: accessToken } }, { $set: { accessExpiresAt: new Date(0) } });
    },
    syncIndexes: () => Token.syncIndexes(),
  };
}

export type ZaloTokenStore = ReturnType<typeof zaloTokenStore>;
