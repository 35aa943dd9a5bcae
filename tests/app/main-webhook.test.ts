import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { telegramWebhookPath } from "../../bot/telegram/webhook.js";
import { startFakeTelegramApi, type FakeTelegramApi } from "../../simulator/telegram-emulator.js";
import { startMainProcess, type MainProcess } from "../support/main-process.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const SECRET = "webhook-secret-with-a-path-0123";
let api: FakeTelegramApi;
let app: MainProcess | undefined;
let port = 0;

/** A port nobody listens on right now, for an app whose WEBHOOK_URL must name it before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

beforeAll(async () => {
  api = await startFakeTelegramApi();
  port = await freePort();
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/t_webhook_${randomBytes(5).toString("hex")}`;
  app = startMainProcess({
    BOT_TOKEN: "42:any-token", TELEGRAM_API_ROOT: api.apiRoot, MONGODB_URI: uri.href, REGISTRY_SIGNING_KEY: "webhook-test-signing-key",
    HTTP_HOST: "127.0.0.1", HTTP_PORT: String(port), LOG_LEVEL: "warn",
    BOT_MODE: "webhook", WEBHOOK_URL: `http://127.0.0.1:${port}/qr-bot/`, WEBHOOK_SECRET: SECRET,
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await api?.close();
});

describe("a WEBHOOK_URL with a path", () => {
  it("registers <path>/telegram/<hash> with Telegram, and the server answers updates on that same path", async () => {
    const set = await api.waitForCall((c) => c.method === "setWebhook", 0, 120_000);
    const hashed = telegramWebhookPath(SECRET);
    expect(set.params.url).toBe(`http://127.0.0.1:${port}/qr-bot${hashed}`);
    const u = new TelegramTestUser(api, 8101);
    await u.say("/help");
    await u.expectReply(/\/report/, 20_000);
    // Nothing listens at the path without the prefix.
    const bare = await fetch(`http://127.0.0.1:${port}${hashed}`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": SECRET } });
    expect(bare.status).toBe(404);
  }, 180_000);
});
