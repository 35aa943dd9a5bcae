import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createMetrics } from "../../app/metrics.js";
import { operationsRoutes } from "../../app/operations-routes.js";
import { startApp, type RunningApp } from "../../app/start-app.js";
import { startFakeTelegramApi, type FakeTelegramApi } from "../../simulator/telegram-emulator.js";
import { createStores } from "../../models/index.js";
import { loadConfig } from "../../platform/config.js";
import { openConnection } from "../../platform/database.js";
import { createLogger } from "../../platform/logger.js";
import { seedDemoRegistry } from "../../services/registry/demo-registry.js";
import { freePort } from "../support/free-port.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { reportPlainly } from "../support/report-dialogue.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const KEY = "operations-test-signing-key";
const SECRET = "operations-test-webhook-secret";
let api: FakeTelegramApi;
let conn: Connection;
let app: RunningApp;

const sample = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

beforeAll(async () => {
  api = await startFakeTelegramApi();
  const dbName = `t_ops_${randomBytes(5).toString("hex")}`;
  conn = await openConnection(inject("mongoUri"), dbName);
  const stores = createStores(conn);
  await stores.syncIndexes();
  await seedDemoRegistry(stores, KEY);
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${dbName}`;
  const port = await freePort();
  const config = loadConfig({
    BOT_TOKEN: "42:ops", TELEGRAM_API_ROOT: api.apiRoot, MONGODB_URI: uri.href, REGISTRY_SIGNING_KEY: KEY,
    BOT_MODE: "webhook", WEBHOOK_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: SECRET, HTTP_PORT: String(port),
  });
  app = await startApp(config, createLogger("silent"));
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
  await api?.close();
});

describe("/metrics and /readyz of a running app", () => {
  it("counts a resident's report: updates, the decode and its engine, the new ticket and the ward's pending card", async () => {
    const u = new TelegramTestUser(api, 9101);
    await reportPlainly(u, { type: "no_poster", photo: await photograph(await renderTestPoster({ payload: "https://example.vn/menu", venueName: "Quán", address: "1 Lê Lợi" })), lat: 16.455, lng: 107.6, photoReply: /Đọc được mã/ });
    const text = await (await fetch(`${app.httpUrl}/metrics`)).text();
    expect(sample(text, 'qr_updates_total{channel="telegram",outcome="handled"}')).toBeGreaterThanOrEqual(7);
    expect(sample(text, 'qr_decode_seconds_count{engine="zxing"}')).toBe(1);
    expect(sample(text, 'qr_tickets{state="new"}')).toBe(1);
    expect(sample(text, "qr_tickets_overdue")).toBe(0);
    expect(sample(text, "qr_decoder_queue_depth")).toBe(0);
    expect(sample(text, "qr_decoder_busy_total")).toBe(0);
    expect(sample(text, 'qr_outbox_pending{audience="account"}')).toBe(0);
    expect(text).toMatch(/^qr_outbox_oldest_age_seconds\{audience="ward"\} [\d.]+$/m);
  }, 60_000);

  it("counts webhook calls refused for a wrong secret", async () => {
    const path = new URL((api.calls.find((c) => c.method === "setWebhook")!.params.url as string)).pathname;
    const res = await fetch(`${app.httpUrl}${path}`, {
      method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "not-the-secret-at-all" }, body: "{}",
    });
    expect(res.status).toBe(401);
    const text = await (await fetch(`${app.httpUrl}/metrics`)).text();
    expect(sample(text, 'qr_webhook_signature_failures_total{channel="telegram"}')).toBe(1);
  });

  it("is ready when the database answers and the decoder has threads", async () => {
    const res = await fetch(`${app.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    // On MONGODB_URI the embedded database's limit does not apply: the details say so.
    expect(await res.json()).toEqual({ ready: true, checks: { database: "ok", decoder: "ok" }, details: { database: expect.objectContaining({ backend: "external", over: false }) } });
    expect(await (await fetch(`${app.httpUrl}/healthz`)).json()).toEqual({ ok: true });
  });
});

describe("who may read them", () => {
  async function server(checks: Parameters<typeof operationsRoutes>[0]["checks"]) {
    const metrics = createMetrics({ stores: createStores(conn), decoder: { status: () => ({ queued: 0, threads: 1 }) }, clock: () => new Date() });
    const s = Fastify();
    await s.register(operationsRoutes({ metrics, checks, allowFrom: ["127.0.0.1"], token: "a-monitoring-token-of-24-chars" }));
    return s;
  }

  it("answers only the allowed addresses or a token holder; anyone else sees nothing there", async () => {
    const s = await server({});
    expect((await s.inject({ url: "/metrics", remoteAddress: "127.0.0.1" })).statusCode).toBe(200);
    expect((await s.inject({ url: "/metrics", remoteAddress: "203.0.113.9" })).statusCode).toBe(404);
    expect((await s.inject({ url: "/readyz", remoteAddress: "203.0.113.9" })).statusCode).toBe(404);
    expect((await s.inject({ url: "/metrics", remoteAddress: "203.0.113.9", headers: { authorization: "Bearer wrong-token-of-24-characters" } })).statusCode).toBe(404);
    expect((await s.inject({ url: "/metrics", remoteAddress: "203.0.113.9", headers: { authorization: "Bearer a-monitoring-token-of-24-chars" } })).statusCode).toBe(200);
  });

  it("is not ready, with the reason, when the database does not answer", async () => {
    const dead = await openConnection(inject("mongoUri"), "t_ops_dead");
    await dead.close();
    const s = await server({ database: async () => ((await dead.db!.admin().ping()).ok === 1 ? true : "ping refused"), decoder: async () => true });
    const res = await s.inject({ url: "/readyz", remoteAddress: "127.0.0.1" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ ready: false, checks: { decoder: "ok", database: expect.any(String) } });
  });
});
