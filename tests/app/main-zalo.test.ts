import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sendSignedZaloEvent, startFakeZaloApi, type FakeZaloApi } from "../../simulator/zalo-emulator.js";
import Fastify from "fastify";
import { registerZaloWebhook } from "../../bot/zalo/inbound/webhook.js";
import { zaloInboxStore } from "../../models/zalo-inbox.js";
import { openConnection } from "../../platform/database.js";
import { startMainProcess, type MainProcess } from "../support/main-process.js";
import { ZALO_TEST_KEYS } from "../support/zalo.js";

let fake: FakeZaloApi;
let app: MainProcess | undefined;
let env: Record<string, string>;
let port = 0;
const dbName = `t_mainz_${randomBytes(5).toString("hex")}`;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  fake = await startFakeZaloApi(ZALO_TEST_KEYS);
  port = await freePort();
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${dbName}`;
  env = {
      MONGODB_URI: uri.href, HTTP_PORT: String(port), LOG_LEVEL: "warn",
      ZALO_APP_ID: ZALO_TEST_KEYS.appId, ZALO_APP_SECRET: ZALO_TEST_KEYS.appSecret, ZALO_OA_SECRET_KEY: ZALO_TEST_KEYS.oaSecretKey,
      ZALO_REFRESH_TOKEN: ZALO_TEST_KEYS.refreshToken, ZALO_API_ROOT: fake.root, ZALO_OAUTH_ROOT: fake.root,
      REGISTRY_SIGNING_KEY: "main-zalo-test-signing-key",
  };
  app = startMainProcess(env, { echo: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  const conn = await openConnection(inject("mongoUri"), dbName);
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
  await fake?.close();
});

describe("main.ts with a Zalo Official Account and no Telegram token", () => {
  it("answers a resident's /report on Zalo through the webhook", async () => {
    const url = `http://127.0.0.1:${port}/zalo`;
    const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
    const event = { event_name: "user_send_text", sender: { id: "5512340000000000001" }, recipient: { id: "oa" }, message: { msg_id: "m-main-1", text: "/report" } };
    const until = Date.now() + 120_000;
    let status = 0;
    while (Date.now() < until) {
      status = await sendSignedZaloEvent(url, event, keys).catch(() => 0);
      if (status) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    while (Date.now() < until && fake.messagesTo("5512340000000000001").length === 0) await new Promise((r) => setTimeout(r, 100));
    const texts = fake.messagesTo("5512340000000000001").map((m) => String((m as { text?: string }).text ?? ""));
    expect(texts.join("\n")).toMatch(/vi phạm nào/);
  }, 180_000);

  it("restarted with stored events while Zalo answers nothing, it answers /healthz and POST /zalo and works the backlog off once Zalo does", async () => {
    await app!.stop();
    const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
    // Events the stopped process acknowledged but never handled, stored by the real webhook.
    const conn = await openConnection(inject("mongoUri"), dbName);
    const inbox = zaloInboxStore(conn);
    const acker = Fastify();
    await registerZaloWebhook(acker, { ...keys, inbox, onStored: () => undefined });
    const ackUrl = (await acker.listen({ port: 0, host: "127.0.0.1" })) + "/zalo";
    const backlogUser = "5512340000000000002";
    for (let i = 0; i < 3; i++) {
      const e = { event_name: "user_send_text", sender: { id: backlogUser }, recipient: { id: "oa" }, message: { msg_id: `m-backlog-${i}`, text: "/help" } };
      expect(await sendSignedZaloEvent(ackUrl, e, keys)).toBe(200);
    }
    await acker.close();
    await conn.close();
    // Zalo now answers no reply until released: the backlog's handling stalls on its first send.
    const release = fake.holdSends();
    app = startMainProcess(env, { echo: true });
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 120_000;
    while (Date.now() < until && !(await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false))) await new Promise((r) => setTimeout(r, 100));
    // Answered while the backlog waits on Zalo: had the webhook waited behind it, this would never return.
    const fresh = { event_name: "user_send_text", sender: { id: "5512340000000000003" }, recipient: { id: "oa" }, message: { msg_id: "m-fresh", text: "/help" } };
    expect(await sendSignedZaloEvent(`${base}/zalo`, fresh, keys)).toBe(200);
    expect(fake.messagesTo(backlogUser)).toHaveLength(0);
    release();
    while (Date.now() < until + 30_000 && fake.messagesTo(backlogUser).length < 3) await new Promise((r) => setTimeout(r, 200));
    expect(fake.messagesTo(backlogUser)).toHaveLength(3);
  }, 240_000);
});
