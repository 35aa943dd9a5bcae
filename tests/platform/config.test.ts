import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../platform/config.js";

describe("loadConfig", () => {
  it("starts in offline mode with defaults when nothing is set", () => {
    const c = loadConfig({});
    expect(c.offline).toBe(true);
    expect(c.telegramApiRoot).toBe("https://api.telegram.org");
    expect(c.httpPort).toBe(8080);
    expect(c.defaultLocale).toBe("vi");
    expect(c.mongodbUri).toBeUndefined();
    expect(c.publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: "https://qr.hue.example.vn/" }).publicUrl).toBe("https://qr.hue.example.vn");
    expect(() => loadConfig({ PUBLIC_URL: "qr.hue" })).toThrow(/PUBLIC_URL/);
  });

  it("names the key and what it expects when a value is malformed", () => {
    const attempt = () => loadConfig({ HTTP_PORT: "eighty" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/HTTP_PORT: expected a whole number from 0 to 65535/);
  });

  it("requires a webhook URL and secret when a bot runs in webhook mode", () => {
    try {
      loadConfig({ BOT_TOKEN: "123:abc", BOT_MODE: "webhook" });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.key).sort()).toEqual(["WEBHOOK_SECRET", "WEBHOOK_URL"]);
    }
  });

  it("refuses a database URI that is not a MongoDB one", () => {
    expect(() => loadConfig({ MONGODB_URI: "postgres://localhost/x" })).toThrow(/MONGODB_URI/);
  });

  it("treats empty values as unset and trims the API root's trailing slash", () => {
    const c = loadConfig({ BOT_TOKEN: "", TELEGRAM_API_ROOT: "http://127.0.0.1:9000/" });
    expect(c.offline).toBe(true);
    expect(c.telegramApiRoot).toBe("http://127.0.0.1:9000");
  });
});

describe("retention of residents' words", () => {
  it("keeps a year by default, 0 keeps them, and anything but whole days is refused by name", () => {
    expect(loadConfig({}).textRetentionDays).toBe(365);
    expect(loadConfig({ TEXT_RETENTION_DAYS: "0" }).textRetentionDays).toBe(0);
    expect(loadConfig({ TEXT_RETENTION_DAYS: "90" }).textRetentionDays).toBe(90);
    for (const bad of ["-1", "1.5", "a year"]) expect(() => loadConfig({ TEXT_RETENTION_DAYS: bad })).toThrow(/TEXT_RETENTION_DAYS: expected a whole number of days/);
  });
});
