/**
 * npm run bench:zalo-burst -- [residents] [eventsEach] [--json]   (default 200 × 10 = 2,000 events)
 *
 * A burst on the Zalo channel, end to end (signed webhook → inbox → bot → fake OA API). Prints the
 * time to drain, events/s, p50/p95 latency from POST to reply, a lone message's latency before and
 * after the burst, and, through a counting relay in front of the database, the round trips per event
 * by kind (counts hold on a loaded machine; timings do not). MONGODB_URI or the embedded server.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sendSignedZaloEvent } from "../simulator/zalo-emulator.js";
import { openConnection } from "../platform/database.js";
import { startEmbeddedMongo } from "../platform/embedded-mongo/index.js";
import { createLogger } from "../platform/logger.js";
import { ZALO_TEST_KEYS } from "../tests/support/zalo.js";
import { startZaloWorld } from "../tests/support/zalo-world.js";
import { startCountingRelay, type CommandStats } from "./mongo-relay.js";
import { percentile } from "./qr-stats.js";

const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const residents = Number(positional[0] ?? 200);
const each = Number(positional[1] ?? 10);
const json = process.argv.includes("--json");
const say = (s: string) => void (json ? process.stderr : process.stdout).write(`${s}\n`);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const loadAtStart = load();

const logger = createLogger("warn");
const dataDir = await mkdtemp(join(tmpdir(), "zalo-burst-"));
const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ dataDir, logger });
const target = new URL(process.env.MONGODB_URI ?? embedded!.uri);
const relay = await startCountingRelay({ host: target.hostname, port: Number(target.port || 27017) });
const relayed = new URL(target.href);
relayed.host = `127.0.0.1:${relay.port}`;
relayed.pathname = `/zalo_burst_${Date.now()}`;
const conn = await openConnection(relayed.href);
const world = await startZaloWorld(conn);
const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
const url = `${world.base}/zalo`;
let seq = 0;

// Replies per resident as they arrive (reading the fake's whole call list per check would cost the bench more than the product).
const replies = new Map<string, number[]>();
const waiters = new Set<() => void>();
world.fake.onCall((c) => {
  if (c.path !== "/v3.0/oa/message/cs" || c.error !== 0) return;
  const user = (c.body as { recipient: { user_id: string } }).recipient.user_id;
  replies.set(user, [...(replies.get(user) ?? []), c.at]);
  for (const w of waiters) w();
});
const repliesTo = (userId: string) => replies.get(userId) ?? [];

function repliesReach(userId: string, count: number, timeoutMs = 3_600_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (repliesTo(userId).length < count) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`${userId}: ${repliesTo(userId).length} of ${count} replies`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

const post = (userId: string, text: string) =>
  sendSignedZaloEvent(url, { event_name: "user_send_text", sender: { id: userId }, recipient: { id: "oa" }, message: { msg_id: `b${++seq}`, text } }, keys);

/** Database commands by kind since the last reset, per event. */
function perEvent(events: number): { kind: string; perEvent: number; meanMs: number }[] {
  const kinds = [...relay.stats.entries()] as [string, CommandStats][];
  return kinds
    .sort((a, b) => b[1].count - a[1].count)
    .map(([kind, s]) => ({ kind, perEvent: Number((s.count / events).toFixed(2)), meanMs: Number((s.totalMs / s.count).toFixed(1)) }));
}
const total = (rows: { perEvent: number }[]) => Number(rows.reduce((s, r) => s + r.perEvent, 0).toFixed(2));

/**
 * A message from a resident nobody else is talking over (one who wrote before, so first contact
 * is not counted): seconds from POST to reply, and its database commands.
 */
const LONE = "8499000000000000000";
async function lone() {
  await world.inbound.worker.drain();
  relay.reset();
  const t = Date.now();
  const replied = repliesTo(LONE).length;
  await post(LONE, "/help");
  await repliesReach(LONE, replied + 1);
  const seconds = (repliesTo(LONE)[replied]! - t) / 1000;
  await world.inbound.worker.drain();
  const commands = perEvent(1);
  return { seconds, commands: total(commands), byKind: commands };
}

await lone(); // warm-up: first contact, first token refresh, first compilation of every path
const before = await lone();
say(`lone message before: ${before.seconds.toFixed(2)} s, ${before.commands} database commands`);

const users = Array.from({ length: residents }, (_, i) => `849${String(i).padStart(16, "0")}`);
const sentAt = new Map<string, number[]>();
// How long the webhook took to answer each delivery (Zalo expects its 200 within about 2 s).
const ackMs: number[] = [];
relay.reset();
const started = Date.now();
// Zalo delivers concurrently: a few connections at a time, the residents' messages interleaved.
let next = 0;
const order = Array.from({ length: residents * each }, (_, i) => users[i % residents]!);
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < order.length) {
      const user = order[next++]!;
      const at = Date.now();
      sentAt.set(user, [...(sentAt.get(user) ?? []), at]);
      if ((await post(user, "/help")) !== 200) throw new Error("webhook refused an event");
      ackMs.push(Date.now() - at);
    }
  }),
);
const acked = (Date.now() - started) / 1000;
say(`${residents * each} events acknowledged in ${acked.toFixed(1)} s; draining…`);
const progress = setInterval(() => say(`  ${users.reduce((s, u) => s + Math.min(each, repliesTo(u).length), 0)} replies after ${((Date.now() - started) / 1000).toFixed(0)} s, load ${load()[0]}`), 30_000);
await Promise.all(users.map((u) => repliesReach(u, each)));
clearInterval(progress);
const drained = (Date.now() - started) / 1000;
const burstCommands = perEvent(residents * each);
const latencies = users.flatMap((u) => repliesTo(u).map((at, i) => (at - sentAt.get(u)![i]!) / 1000)).sort((a, b) => a - b);
const loadAtEnd = load();
const after = await lone();

const result = {
  backend: embedded?.backend ?? "external",
  events: residents * each,
  residents,
  loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd },
  ackedSeconds: Number(acked.toFixed(1)),
  webhookAnswerMs: (() => {
    const sorted = [...ackMs].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
  })(),
  drainSeconds: Number(drained.toFixed(1)),
  eventsPerSecond: Number(((residents * each) / drained).toFixed(1)),
  latencySeconds: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? NaN },
  lone: { beforeSeconds: before.seconds, afterSeconds: after.seconds, commandsBefore: before.commands, commandsAfter: after.commands },
  database: { commandsPerEvent: total(burstCommands), byKind: burstCommands, loneAfterByKind: after.byKind },
};

await world.close();
await conn.dropDatabase().catch(() => undefined);
await conn.close();
await relay.close();
await embedded?.stop();
await rm(dataDir, { recursive: true, force: true });

if (json) console.log(JSON.stringify(result, null, 2));
else {
  const l = result.latencySeconds;
  say(`\nbackend=${result.backend} events=${result.events} residents=${residents} load average ${loadAtStart[0]} → ${loadAtEnd[0]}`);
  say(`drained in ${result.drainSeconds} s (${result.eventsPerSecond} events/s; all acknowledged after ${result.ackedSeconds} s)`);
  const w = result.webhookAnswerMs;
  say(`webhook answer: p50 ${w.p50} ms · p95 ${w.p95} ms · max ${w.max} ms`);
  say(`latency POST → reply: p50 ${l.p50.toFixed(2)} s · p95 ${l.p95.toFixed(2)} s · max ${l.max.toFixed(2)} s`);
  say(`lone message: ${before.seconds.toFixed(2)} s before, ${after.seconds.toFixed(2)} s after; database commands ${before.commands} before, ${after.commands} after`);
  say(`database: ${result.database.commandsPerEvent} commands per event`);
  for (const k of burstCommands) say(`  ${k.kind.padEnd(34)} ${k.perEvent.toFixed(2).padStart(6)}/event  mean ${k.meanMs} ms`);
}
process.exit(0);
