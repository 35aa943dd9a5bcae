import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloClient } from "../../../../bot/zalo/outbound/client.js";
import { createZaloTokenManager } from "../../../../bot/zalo/outbound/tokens.js";
import { startFakeZaloApi, type FakeZaloApi } from "../../../../simulator/zalo-emulator.js";
import { zaloLeaseStore } from "../../../../models/zalo-lease.js";
import { zaloTokenStore } from "../../../../models/zalo-token.js";
import { createLogger } from "../../../../platform/logger.js";
import { useTestDatabase } from "../../../support/database.js";

const keys = { appId: "4318901", appSecret: "app-secret", refreshToken: "first-refresh" };

describe("Zalo access tokens", () => {
  const db = useTestDatabase();
  let fake: FakeZaloApi;
  beforeAll(async () => {
    fake = await startFakeZaloApi({ ...keys, refreshDelayMs: 150 });
  });
  afterAll(() => fake.close());

  const manager = (appId = keys.appId) =>
    createZaloTokenManager({
      appId,
      appSecret: keys.appSecret,
      oauthRoot: fake.root,
      initialRefreshToken: keys.refreshToken,
      store: zaloTokenStore(db()),
      leases: zaloLeaseStore(db()),
      logger: createLogger("silent"),
      pollMs: 20,
    });

  it("instances starting together spend the first refresh token once and share the pair", async () => {
    const instances = [manager(), manager(), manager(), manager()];
    const tokens = await Promise.all(instances.flatMap((m) => [m.accessToken(), m.accessToken()]));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.refreshTokenUses(keys.refreshToken)).toBe(1);
    expect(fake.calls.filter((c) => c.path === "/v4/oa/access_token" && c.error !== 0)).toEqual([]);
  });

  it("after Zalo answers -216, both instances refresh once with the stored refresh token and the message goes out", async () => {
    const store = zaloTokenStore(db());
    const before = await store.read(keys.appId);
    fake.expireAccessTokens();
    const [a, b] = [manager(), manager()];
    const clients = [a, b].map((tokens) => createZaloClient({ apiRoot: fake.root, tokens }));
    await Promise.all(clients.map((c, i) => c.sendText("700000000000000001", `xin chào ${i}`)));
    expect(fake.refreshTokenUses(before!.refreshToken)).toBe(1);
    expect(fake.messagesTo("700000000000000001").map((m) => m.text)).toEqual(expect.arrayContaining(["xin chào 0", "xin chào 1"]));
    const after = await store.read(keys.appId);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
  });

  it("refreshes ahead of expiry rather than waiting for Zalo to refuse", async () => {
    const store = zaloTokenStore(db());
    const old = await store.read(keys.appId);
    const soon = createZaloTokenManager({
      appId: keys.appId,
      appSecret: keys.appSecret,
      oauthRoot: fake.root,
      initialRefreshToken: undefined,
      store,
      leases: zaloLeaseStore(db()),
      logger: createLogger("silent"),
      clock: () => new Date(old!.accessExpiresAt.getTime() - 60_000),
    });
    const token = await soon.accessToken();
    expect(token).not.toBe(old!.accessToken);
    expect(fake.refreshTokenUses(old!.refreshToken)).toBe(1);
  });
});
