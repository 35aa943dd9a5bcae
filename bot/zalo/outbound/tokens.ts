import { createHash, randomUUID } from "node:crypto";
import axios, { type AxiosInstance } from "axios";
import type { ZaloLeaseStore } from "../../../models/zalo-lease.js";
import type { ZaloTokenStore } from "../../../models/zalo-token.js";
import type { Logger } from "../../../platform/logger.js";
import type { ZaloAccessTokens } from "./client.js";
import { ZaloApiError, ZaloHttpError } from "./client.js";

export interface ZaloTokenManagerOptions {
  appId: string;
  appSecret: string;
  oauthRoot: string;
  /** Seeds the store on the very first start only. */
  initialRefreshToken: string | undefined;
  store: ZaloTokenStore;
  leases: ZaloLeaseStore;
  logger: Logger;
  clock?: () => Date;
  http?: AxiosInstance;
  /** Refresh this long before the access token expires (Zalo: ~25 h lifetime). */
  refreshMarginMs?: number;
  /** Longer than the refresh request's timeout, so a lease never expires while its holder still waits for Zalo. */
  leaseMs?: number;
  pollMs?: number;
}

const REFRESH_ENDPOINT = "/v4/oa/access_token";
const digest = (token: string) => createHash("sha256").update(token).digest("hex");
const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600_000;

/** Zalo refused the refresh token: no retry can help until an operator gives a new one (ZALO_REFRESH_TOKEN). */
export class ZaloRefreshRefusedError extends ZaloApiError {
  constructor(code: number, description: string) {
    super(code, REFRESH_ENDPOINT, `refresh token refused: ${description}`);
    this.name = "ZaloRefreshRefusedError";
  }
}

/** For /readyz: whether the OA can still get access tokens. */
export type ZaloTokenStatus = { ok: true } | { ok: false; reason: string; since: Date };

export interface ZaloTokenManager extends ZaloAccessTokens {
  status(): Promise<ZaloTokenStatus>;
}

interface RefreshAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: string | number;
  error?: number;
  error_name?: string;
  error_description?: string;
}

/**
 * Access tokens for the OA, shared by every instance through the database.
 * A refresh token is spent only under the lease, and the new pair is stored
 * before anyone uses it: a crash after Zalo answered can lose a pair, never reuse one.
 */
export function createZaloTokenManager(o: ZaloTokenManagerOptions): ZaloTokenManager {
  const clock = o.clock ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 30_000;
  const margin = o.refreshMarginMs ?? 3600_000;
  const pollMs = o.pollMs ?? 100;
  const http = o.http ?? axios.create({ timeout: Math.max(1000, leaseMs - 5000) });
  const owner = randomUUID();
  let inflight: Promise<string> | undefined;
  // The token last read or made here, so a send does not read the store each time. Should Zalo
  // refuse it early (another instance refreshed, or it was revoked), the client calls `expired`,
  // which drops it, and its one retry reads the store: the other instance's pair, or a refresh.
  let cached: { accessToken: string; accessExpiresAt: Date } | undefined;

  const fresh = (p: { accessToken?: string; accessExpiresAt: Date }, now: Date) =>
    p.accessToken !== undefined && p.accessExpiresAt.getTime() - margin > now.getTime();

  async function spend(refreshToken: string): Promise<{ accessToken: string; accessExpiresAt: Date; refreshToken: string; refreshExpiresAt: Date }> {
    const form = new URLSearchParams({ app_id: o.appId, refresh_token: refreshToken, grant_type: "refresh_token" });
    const res = await http.post<RefreshAnswer>(o.oauthRoot + REFRESH_ENDPOINT, form, {
      headers: { secret_key: o.appSecret, "content-type": "application/x-www-form-urlencoded" },
      validateStatus: () => true,
    });
    // The OAuth server's own trouble: the token was not spent, and the client's retry tries again.
    if (res.status >= 500) throw new ZaloHttpError(res.status, REFRESH_ENDPOINT);
    const a = res.data;
    if (!a?.access_token || !a.refresh_token) {
      const description = a?.error_description ?? a?.error_name ?? "no token in the answer";
      // Zalo answered and said no: spending this token again gets the same answer. Anything else may pass.
      if (res.status < 500 && typeof a?.error === "number" && a.error !== 0) throw new ZaloRefreshRefusedError(a.error, description);
      throw new ZaloApiError(a?.error ?? res.status, REFRESH_ENDPOINT, description);
    }
    const now = clock().getTime();
    return {
      accessToken: a.access_token,
      accessExpiresAt: new Date(now + Number(a.expires_in ?? 90_000) * 1000),
      refreshToken: a.refresh_token,
      refreshExpiresAt: new Date(now + REFRESH_TOKEN_LIFETIME_MS),
    };
  }

  async function obtain(): Promise<string> {
    const deadline = Date.now() + leaseMs + 5000;
    while (Date.now() < deadline) {
      const now = clock();
      const pair = await o.store.read(o.appId);
      if (!pair) {
        if (!o.initialRefreshToken) throw new ZaloApiError(-1, REFRESH_ENDPOINT, "no refresh token stored and ZALO_REFRESH_TOKEN is not set");
        await o.store.seed(o.appId, o.initialRefreshToken, digest(o.initialRefreshToken));
        continue;
      }
      if (fresh(pair, now)) {
        cached = { accessToken: pair.accessToken!, accessExpiresAt: pair.accessExpiresAt };
        return pair.accessToken!;
      }
      if (pair.refused) {
        // An operator's new ZALO_REFRESH_TOKEN (set with a restart) gets its try; a refused or spent one never another.
        if (o.initialRefreshToken && digest(o.initialRefreshToken) !== pair.seededWith) {
          await o.store.replaceRefused(o.appId, o.initialRefreshToken, digest(o.initialRefreshToken));
          continue;
        }
        throw new ZaloRefreshRefusedError(-1, `refused since ${pair.refused.at.toISOString()} (${pair.refused.reason})`);
      }
      // The lease is per refresh token: whoever wins it is the only one ever to spend that token.
      const subject = `zalo-token:${o.appId}:${digest(pair.refreshToken)}`;
      const generation = await o.leases.acquire(subject, owner, now, leaseMs);
      if (generation === undefined) {
        // Another instance is refreshing; its pair appears in the store shortly.
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      const current = await o.store.read(o.appId);
      if (current?.refreshToken !== pair.refreshToken) continue;
      let next;
      try {
        next = await spend(pair.refreshToken);
      } catch (e) {
        if (e instanceof ZaloRefreshRefusedError) {
          await o.store.refuse(o.appId, pair.refreshToken, clock(), e.message);
          o.logger.error({ appId: o.appId, code: e.code }, "zalo refused the refresh token: replies stop until an operator sets a new ZALO_REFRESH_TOKEN");
        }
        await o.leases.release(subject, generation, owner);
        throw e;
      }
      // Stored before use: if we die now, the others find the new pair instead of the spent token.
      await o.store.store(o.appId, next);
      cached = next;
      o.logger.info({ appId: o.appId, accessExpiresAt: next.accessExpiresAt }, "zalo access token refreshed");
      return next.accessToken;
    }
    throw new ZaloApiError(-1, REFRESH_ENDPOINT, "timed out waiting for another instance to refresh");
  }

  return {
    accessToken() {
      if (cached && fresh(cached, clock())) return Promise.resolve(cached.accessToken);
      // One refresh per process at a time; callers in between share its result.
      inflight ??= obtain().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    async expired(accessToken) {
      if (cached?.accessToken === accessToken) cached = undefined;
      await o.store.expire(o.appId, accessToken);
    },
    async status() {
      const pair = await o.store.read(o.appId);
      return pair?.refused ? { ok: false, reason: pair.refused.reason, since: pair.refused.at } : { ok: true };
    },
  };
}
