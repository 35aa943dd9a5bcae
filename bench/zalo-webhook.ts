import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { sendSignedZaloEvent } from "../simulator/zalo-emulator.js";
import { zaloInboxStore } from "../models/zalo-inbox.js";
import { openConnection } from "../platform/database.js";
import { startEmbeddedMongo } from "../platform/embedded-mongo/index.js";
import { createLogger } from "../platform/logger.js";
import { registerZaloWebhook } from "../bot/zalo/inbound/webhook.js";

/**
 * How fast POST /zalo acknowledges a signed event (verify + inbox insert, no processing):
 * `npm run bench:zalo-webhook -- [events] [concurrency]`. Uses MONGODB_URI or the embedded server.
 */
const events = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 8);
const keys = { appId: "4318901", oaSecretKey: "bench-key" };
const logger = createLogger("warn");
const dataDir = await mkdtemp(join(tmpdir(), "zalo-bench-"));
const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ dataDir, logger });
const conn = await openConnection(process.env.MONGODB_URI ?? embedded!.uri, `zalo_bench_${Date.now()}`);
const inbox = zaloInboxStore(conn);
await inbox.syncIndexes();
const app = Fastify();
await registerZaloWebhook(app, { ...keys, inbox, onStored: () => undefined });
const url = (await app.listen({ port: 0, host: "127.0.0.1" })) + "/zalo";

const times: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < events) {
      const i = next++;
      const t = performance.now();
      const status = await sendSignedZaloEvent(url, { event_name: "user_send_text", sender: { id: "84" + i }, message: { msg_id: `b${i}`, text: "xin chào" } }, keys);
      if (status !== 200) throw new Error(`status ${status}`);
      times.push(performance.now() - t);
    }
  }),
);
const total = performance.now() - started;
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
console.log(`backend=${embedded?.backend ?? "external"} events=${events} concurrency=${concurrency} acks/s=${((events / total) * 1000).toFixed(0)} p50=${q(0.5)}ms p95=${q(0.95)}ms max=${q(1)}ms`);
await app.close();
await conn.dropDatabase();
await conn.close();
await embedded?.stop();
await rm(dataDir, { recursive: true, force: true });
