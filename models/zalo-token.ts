import { Schema, type Connection } from "mongoose";
import { modelOn } from "./model-on.js";

/** "Never": the epoch, so every comparison with a real time treats it as expired. */
export const NEVER = new Date(0);

const tokenSchema = new Schema({
  /** One document per Official Account (the app id). */
  _id: { type: String, required: true },
  accessToken: { type: String, required: false },
  accessExpiresAt: { type: Date, required: true, default: NEVER },
  refreshToken: { type: String, required: true },
  refreshExpiresAt: { type: Date, required: false },
  /** The instance allowed to spend `refreshToken` right now, and until when. */
  leaseOwner: { type: String, required: false },
  leaseUntil: { type: Date, required: true, default: NEVER },
});

export interface ZaloTokenPair {
  accessToken: string | undefined;
  accessExpiresAt: Date;
  refreshToken: string;
}

/**
 * The OA's token pair and the lease that serialises refreshes across instances:
 * Zalo refresh tokens are single use, so only the lease holder may spend one.
 */
export function zaloTokenStore(conn: Connection) {
  const Token = modelOn(conn, "ZaloToken", tokenSchema);
  const plain = (d: { accessToken?: string | null; accessExpiresAt: Date; refreshToken: string }): ZaloTokenPair => ({
    accessToken: d.accessToken ?? undefined,
    accessExpiresAt: d.accessExpiresAt,
    refreshToken: d.refreshToken,
  });
  return {
    async read(appId: string): Promise<ZaloTokenPair | undefined> {
      const d = await Token.findById(String(appId)).lean();
      return d ? plain(d) : undefined;
    },
    /** Stores the first refresh token unless a pair exists already (a restart must not reuse a spent one). */
    async seed(appId: string, refreshToken: string): Promise<void> {
      try {
        await Token.updateOne(
          { _id: String(appId) },
          { $setOnInsert: { refreshToken, accessExpiresAt: NEVER, leaseUntil: NEVER } },
          { upsert: true },
        );
      } catch (e) {
        // Two instances seeding at once: the loser's upsert hits the unique _id, and the pair exists.
        if ((e as { code?: number }).code !== 11000) throw e;
      }
    },
    /** Takes the lease when it is free; returns the pair to refresh, or undefined when another instance holds it. */
    async lease(appId: string, owner: string, now: Date, until: Date): Promise<ZaloTokenPair | undefined> {
      const d = await Token.findOneAndUpdate(
        { _id: String(appId), leaseUntil: { $lte: now } },
        { $set: { leaseOwner: owner, leaseUntil: until } },
        { new: true, lean: true },
      );
      return d ? plain(d) : undefined;
    },
    /** Stores the new pair and frees the lease, only if this owner still holds it on the same refresh token. */
    async store(appId: string, owner: string, spent: string, next: { accessToken: string; accessExpiresAt: Date; refreshToken: string; refreshExpiresAt: Date }): Promise<boolean> {
      const r = await Token.updateOne(
        { _id: String(appId), leaseOwner: { $eq: owner }, refreshToken: { $eq: spent } },
        { $set: { ...next, leaseUntil: NEVER }, $unset: { leaseOwner: 1 } },
      );
      return r.modifiedCount === 1;
    },
    async release(appId: string, owner: string): Promise<void> {
      await Token.updateOne({ _id: String(appId), leaseOwner: { $eq: owner } }, { $set: { leaseUntil: NEVER }, $unset: { leaseOwner: 1 } });
    },
    /** Marks this access token expired (Zalo answered -216), unless a newer one replaced it already. */
    async expire(appId: string, accessToken: string): Promise<void> {
      await Token.updateOne({ _id: String(appId), accessToken: { $eq: accessToken } }, { $set: { accessExpiresAt: NEVER } });
    },
    syncIndexes: () => Token.syncIndexes(),
  };
}

export type ZaloTokenStore = ReturnType<typeof zaloTokenStore>;
