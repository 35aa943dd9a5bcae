import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sendSignedZaloEvent } from "../simulator/zalo-emulator.js";
import { openConnection } from "../platform/database.js";
import { startEmbeddedMongo } from "../platform/embedded-mongo/index.js";
import { createLogger } from "../platform/logger.js";
import { ZALO_TEST_KEYS } from "../tests/support/zalo.js";
import { startZaloWorld } from "../tests/support/zalo-world.js";

/**
 * A burst on the Zalo channel, end to end (signed webhook → inbox → bot → fake OA API):
 * `npm run bench:zalo-burst -- [residents] [eventsEach]` (default 200 × 10 = 2,000 events).
 * Reports the time to drain, p50/p95 latency from POST to reply, and a lone message's
 * latency before the burst and after it. Uses MONGODB_URI or the embedded server.
 */
const residents = Number(process.argv[2] ?? 200);
const each = Number(process.argv[3] ?? 10);
const logger = createLogger("warn");
const dataDir = await mkdtemp(join(tmpdir(), "zalo-burst-"));
const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ dataDir, logger });
const conn = await openConnection(process.env.MONGODB_URI ?? embedded!.uri, `zalo_burst_${Date.now()}`);
const world = await startZaloWorld(conn);
const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
const url = `${world.base}/zalo`;
let seq = 0;

const post = (userId: string, text: string) =>
  sendSignedZaloEvent(url, { event_name: "user_send_text", sender: { id: userId }, recipient: { id: "oa" }, message: { msg_id: `b${++seq}`, text } }, keys);

async function repliesReach(userId: string, count: number, timeoutMs = 1_800_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (world.fake.messageTimes(userId).length < count) {
    if (Date.now() > until) throw new Error(`${userId}: ${world.fake.messageTimes(userId).length} of ${count} replies`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Seconds from POST to the reply of one message from a resident nobody else is talking over. */
async function lone(userId: string): Promise<number> {
  const t = Date.now();
  await post(userId, "/help");
  await repliesReach(userId, 1);
  return (world.fake.messageTimes(userId)[0]! - t) / 1000;
}

await lone("8499000000000000000"); // warm-up: first token refresh, first compilation of every path
const before = await lone("8499000000000000001");

const users = Array.from({ length: residents }, (_, i) => `849${String(i).padStart(16, "0")}`);
const sentAt = new Map<string, number[]>();
const started = Date.now();
// Zalo delivers concurrently: a few connections at a time, the residents' messages interleaved.
let next = 0;
const order = Array.from({ length: residents * each }, (_, i) => users[i % residents]!);
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < order.length) {
      const user = order[next++]!;
      const times = sentAt.get(user) ?? [];
      times.push(Date.now());
      sentAt.set(user, times);
      if ((await post(user, "/help")) !== 200) throw new Error("webhook refused an event");
    }
  }),
);
const acked = (Date.now() - started) / 1000;
await Promise.all(users.map((u) => repliesReach(u, each)));
const drained = (Date.now() - started) / 1000;
const latencies = users.flatMap((u) => world.fake.messageTimes(u).map((at, i) => (at - sentAt.get(u)![i]!) / 1000)).sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
const after = await lone("8499000000000000002");

console.log(
  `backend=${embedded?.backend ?? "external"} events=${residents * each} residents=${residents} ` +
    `acked=${acked.toFixed(1)}s drained=${drained.toFixed(1)}s (${((residents * each) / drained).toFixed(1)} events/s) ` +
    `latency p50=${q(0.5)}s p95=${q(0.95)}s max=${q(1)}s lone-before=${before.toFixed(2)}s lone-after=${after.toFixed(2)}s`,
);
await world.close();
await conn.dropDatabase();
await conn.close();
await embedded?.stop();
await rm(dataDir, { recursive: true, force: true });
