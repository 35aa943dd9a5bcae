import type { Connection } from "mongoose";
import { createZaloClient } from "../../bot/zalo/client.js";
import { createZaloTokenManager } from "../../bot/zalo/tokens.js";
import { startFakeZaloApi } from "../../fakes/zalo-api.js";
import { zaloLeaseStore } from "../../models/zalo-lease.js";
import { zaloTokenStore } from "../../models/zalo-token.js";
import { zaloUserStore } from "../../models/zalo-user.js";
import { createLogger } from "../../platform/logger.js";

export const ZALO_TEST_KEYS = { appId: "4318901", appSecret: "app-secret", oaSecretKey: "oa-secret-key", refreshToken: "first-refresh" };

/** A fake Zalo OA API and a client talking to it with tokens kept in `conn`. */
export async function startZaloTestRig(conn: Connection) {
  const fake = await startFakeZaloApi(ZALO_TEST_KEYS);
  const users = zaloUserStore(conn);
  await users.syncIndexes();
  const tokens = createZaloTokenManager({
    appId: ZALO_TEST_KEYS.appId,
    appSecret: ZALO_TEST_KEYS.appSecret,
    oauthRoot: fake.root,
    initialRefreshToken: ZALO_TEST_KEYS.refreshToken,
    store: zaloTokenStore(conn),
    leases: zaloLeaseStore(conn),
    logger: createLogger("silent"),
  });
  const client = createZaloClient({ apiRoot: fake.root, tokens });
  return { fake, client, users };
}
