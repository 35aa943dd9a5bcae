import { describe, expect, it } from "vitest";
import { loadConfig, type ConfigError } from "../../platform/config.js";

describe("Zalo configuration", () => {
  it("is off without an app id, and on with the app id and both keys", () => {
    expect(loadConfig({}).zalo).toBeUndefined();
    const c = loadConfig({ ZALO_APP_ID: "4318901", ZALO_APP_SECRET: "s", ZALO_OA_SECRET_KEY: "k", ZALO_REFRESH_TOKEN: "r", ZALO_API_ROOT: "http://127.0.0.1:9/" });
    expect(c.zalo).toEqual({ appId: "4318901", appSecret: "s", oaSecretKey: "k", initialRefreshToken: "r", apiRoot: "http://127.0.0.1:9", oauthRoot: "https://oauth.zaloapp.com" });
  });

  it("names the missing keys when only the app id is set", () => {
    const e = (() => {
      try {
        loadConfig({ ZALO_APP_ID: "4318901" });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(e?.problems.map((p) => p.key)).toEqual(["ZALO_APP_SECRET", "ZALO_OA_SECRET_KEY"]);
  });
});
