/**
 * npm run bench:intake -- [--residents 50] [--seconds 60] [--json] [--profile <dir>]
 *
 * N simulated residents file full reports over the production webhook route (secret header,
 * the real app started as `main.ts` in webhook mode) against the fake Bot API, with poster
 * photos of mixed verdicts and about 15 % 12-megapixel originals sent as files; every ward has
 * an officer and a bound group, so each report's card is posted. A counting relay in front of
 * the database tells how many commands of which kind a report costs and how long each kind
 * keeps the server busy. The embedded server by default; MONGODB_URI for any other.
 */
import { randomBytes } from "node:crypto";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeTelegramApi } from "../simulator/telegram-emulator.js";
import { createStores } from "../models/index.js";
import { openConnection } from "../platform/database.js";
import { startEmbeddedMongo } from "../platform/embedded-mongo/index.js";
import { createLogger } from "../platform/logger.js";
import { seedDemoRegistry } from "../services/registry/demo-registry.js";
import { createWardDirectory } from "../services/routing/ward-directory.js";
import { freePort } from "../tests/support/free-port.js";
import { startMainProcess } from "../tests/support/main-process.js";
import { makeIntakePhotos } from "./intake-photos.js";
import { emptySamples, residentLoop } from "./intake-resident.js";
import { startCountingRelay } from "./mongo-relay.js";
import { percentile } from "./qr-stats.js";
import { summariseProfile } from "./cpu-profile.js";
import { sampleMemory } from "./memory-sampler.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const residents = Number(arg("residents", "50"));
const seconds = Number(arg("seconds", "60"));
const json = process.argv.includes("--json");
const profileDir = process.argv.includes("--profile") ? arg("profile", "bench-profile") : undefined;
const say = (s: string) => void (json ? process.stderr : process.stdout).write(`${s}\n`);

const KEY = "bench-intake-signing-key";
const SECRET = "bench-intake-webhook-secret";
const load = { atStart: loadavg().map((l) => Number(l.toFixed(2))) };

const logger = createLogger("warn");
const dataDir = await mkdtemp(join(tmpdir(), "bench-intake-"));
const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ dataDir, logger });
const target = new URL(process.env.MONGODB_URI ?? embedded!.uri);
const relay = await startCountingRelay({ host: target.hostname, port: Number(target.port || 27017) });
const dbName = `bench_intake_${randomBytes(4).toString("hex")}`;
const relayed = new URL(target.href);
relayed.host = `127.0.0.1:${relay.port}`;
relayed.pathname = `/${dbName}`;

say(`preparing: ${residents} residents, ${seconds} s, database ${embedded?.backend ?? "MONGODB_URI"}, load average ${load.atStart.join(" ")}`);
const conn = await openConnection(relayed.href);
const stores = createStores(conn);
await stores.syncIndexes();
await seedDemoRegistry(stores, KEY);
const directory = createWardDirectory(stores.wards);
await directory.refresh();
// One officer and one bound group per ward: every report's card is really posted.
const wardCodes = ["19753", "19777", "19789", "19815"];
const groups = new Map(wardCodes.map((code, i) => [code, -100_000 - i]));
for (const [i, code] of wardCodes.entries()) {
  const officer = await stores.accounts.ensure("telegram", String(7_000_000 + i), { displayName: `Cán bộ ${code}` });
  await stores.accounts.grantRole(officer.id, "officer", { wardCode: code });
  await stores.wardGroups.bind(code, String(groups.get(code)), officer.id);
}
const photos = await makeIntakePhotos(KEY, 3);
say(`photos: ${photos.filter((p) => !p.asFile).length} of 1280 px, ${photos.filter((p) => p.asFile).length} of 12 MP sent as files`);

const api = await startFakeTelegramApi();
const port = await freePort();
const app = startMainProcess({
  BOT_TOKEN: "42:bench", TELEGRAM_API_ROOT: api.apiRoot, MONGODB_URI: relayed.href, REGISTRY_SIGNING_KEY: KEY,
  BOT_MODE: "webhook", WEBHOOK_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: SECRET, HTTP_PORT: String(port),
  LOG_LEVEL: "warn",
  // --trace-gc: each isolate's committed V8 heap, for the memory breakdown.
}, { nodeArgs: ["--trace-gc", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])] });
const withoutGcTrace = (text: string) => text.replace(/^\[\d+:0x[0-9a-f]+\][^\n]*\n?/gm, "");
// An app that fails to start or dies mid-run says why at once, instead of leaving the residents waiting.
const stopping = { now: false };
void app.exited.then(async (code) => {
  if (stopping.now) return;
  say(`the app exited (code ${code}); its last output:\n${withoutGcTrace(app.output()).slice(-3000)}`);
  await embedded?.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  process.exit(1);
});
await api.waitForCall((c) => c.method === "setWebhook", 0, 180_000);
relay.reset();
const memory = sampleMemory(app.child.pid!, app.output);
const callsBefore = api.calls.length;

const samples = emptySamples();
const cardWaits: Promise<void>[] = [];
const started = Date.now();
const until = started + seconds * 1000;
const groupOfWard = (lat: number, lng: number) => groups.get(directory.locate(lat, lng)?.code ?? "") ?? 0;
await Promise.all(
  Array.from({ length: residents }, (_, i) => residentLoop({ api, id: 9_000_000 + i, photos, until, samples, groupOfWard, cardWaits })),
);
const lastDone = Math.max(...samples.doneAt);
await Promise.all(cardWaits);
const load1 = loadavg().map((l) => Number(l.toFixed(2)));

const peakKb = async (pid: number | undefined) => {
  if (!pid) return undefined;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
};
const rss = { appMb: Math.round(((await peakKb(app.child.pid)) ?? NaN) / 1024), databaseMb: embedded?.pid ? Math.round(((await peakKb(embedded.pid)) ?? NaN) / 1024) : undefined };
const atPeak = memory.stop();
const mbOf = (kb: number) => Math.round(kb / 1024);
const appMemory = atPeak && {
  sampledPeakMb: mbOf(atPeak.rssKb), filesMb: mbOf(atPeak.filesKb), mallocMb: mbOf(atPeak.mallocKb), wasmMb: mbOf(atPeak.wasmKb),
  otherAnonymousMb: mbOf(atPeak.otherAnonKb), v8Heaps: atPeak.v8Heaps.map((h) => ({ usedMb: mbOf(h.usedKb), committedMb: mbOf(h.committedKb) })),
};

const reports = samples.doneAt.length;
const elapsedS = (lastDone - started) / 1000;
const stat = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { n: xs.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
};
// What the bot asked of Telegram while residents reported: Telegram paces a bot to about 30 calls a second in all.
const during = api.calls.slice(callsBefore).filter((c) => c.at <= lastDone);
const byMethod = new Map<string, number>();
for (const c of during) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + 1);
const botApi = {
  callsPerSecond: Number((during.length / elapsedS).toFixed(1)),
  callsPerReport: Number((during.length / Math.max(1, reports)).toFixed(1)),
  byMethod: Object.fromEntries([...byMethod].sort((a, b) => b[1] - a[1]).map(([m, n]) => [m, Number((n / Math.max(1, reports)).toFixed(2))])),
};
const kinds = [...relay.stats.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs);
const dbMs = kinds.reduce((s, [, k]) => s + k.totalMs, 0);
const commands = kinds.reduce((s, [, k]) => s + k.count, 0);
const result = {
  residents, seconds, backend: embedded?.backend ?? "external", loadAverage: { atStart: load.atStart, atEnd: load1 },
  reports, reportsPerSecond: Number((reports / elapsedS).toFixed(2)),
  confirmToNumberMs: stat(samples.confirmMs), photoToReplyMs: stat(samples.photoMs), largePhotoToReplyMs: stat(samples.photoLargeMs),
  confirmToCardMs: stat(samples.cardMs), cardsMissing: samples.cardsMissing, confirmToEditMs: stat(samples.editMs), editsMissing: samples.editsMissing, mergedIntoOpenTickets: samples.merged,
  peakRssMb: rss, appMemoryAtPeak: appMemory,
  botApi,
  database: {
    commandsPerReport: Number((commands / Math.max(1, reports)).toFixed(1)),
    busyShareOfRun: Number((dbMs / (elapsedS * 1000)).toFixed(2)),
    byKind: kinds.map(([kind, k]) => ({ kind, perReport: Number((k.count / Math.max(1, reports)).toFixed(2)), shareOfDbTime: Number((k.totalMs / dbMs).toFixed(3)), meanMs: Number((k.totalMs / k.count).toFixed(1)) })),
  },
  failures: samples.failures.length, failureSamples: samples.failures.slice(0, 3),
};
const withProfile = () => ({ ...result, appCpuProfile: profile });

stopping.now = true;
await app.stop();
// The app writes its profile as it exits.
const profile = profileDir ? await summariseProfile(profileDir).catch((e: unknown) => ({ error: String(e) })) : undefined;
await api.close();
await conn.dropDatabase().catch(() => undefined);
await conn.close();
await relay.close();
await embedded?.stop();
await rm(dataDir, { recursive: true, force: true });

if (json) console.log(JSON.stringify(withProfile(), null, 2));
else {
  const ms = (s: { n: number; p50: number; p95: number; max: number }) => `p50 ${Math.round(s.p50)} · p95 ${Math.round(s.p95)} · max ${Math.round(s.max)} ms (n=${s.n})`;
  say(`\n${reports} reports in ${elapsedS.toFixed(1)} s: ${result.reportsPerSecond} reports/s (load average ${load.atStart[0]} → ${load1[0]})`);
  say(`confirm → ticket number  ${ms(result.confirmToNumberMs)}`);
  say(`photo → "code read"      ${ms(result.photoToReplyMs)}  (1280 px)`);
  say(`photo → "code read"      ${ms(result.largePhotoToReplyMs)}  (12 MP files)`);
  say(`confirm → new card       ${ms(result.confirmToCardMs)}; missing after 120 s: ${samples.cardsMissing}`);
  say(`confirm → card edited    ${ms(result.confirmToEditMs)}; missing after 120 s: ${samples.editsMissing} (${samples.merged} reports merged into an open ticket: its card edited, none posted)`);
  say(`peak RSS: app ${rss.appMb} MB, database ${rss.databaseMb ?? "n/a"} MB`);
  if (appMemory) {
    say(`  app at its sampled peak (${appMemory.sampledPeakMb} MB): files ${appMemory.filesMb}, malloc heaps ${appMemory.mallocMb}, WebAssembly ${appMemory.wasmMb}, other anonymous ${appMemory.otherAnonymousMb} MB`);
    say(`  V8 heaps, used/committed after their last collection (within "other anonymous"): ${appMemory.v8Heaps.map((h) => `${h.usedMb}/${h.committedMb}`).join(", ")} MB`);
  }
  say(`Bot API: ${botApi.callsPerSecond} calls/s, ${botApi.callsPerReport} per report (${Object.entries(botApi.byMethod).map(([m, n]) => `${m} ${n}`).join(", ")})`);
  say(`database: ${result.database.commandsPerReport} commands per report, command latencies sum to ${Math.round(result.database.busyShareOfRun * 100)} % of the run (queueing at the proxy included)`);
  for (const k of result.database.byKind.slice(0, 15)) say(`  ${k.kind.padEnd(32)} ${String(k.perReport).padStart(6)}/report  ${(k.shareOfDbTime * 100).toFixed(1).padStart(5)} % of db time  mean ${k.meanMs} ms`);
  if (samples.failures.length) say(`failures: ${samples.failures.length}, e.g. ${samples.failures[0]}`);
  if (samples.failures.length || samples.cardsMissing || samples.editsMissing) say(`the app's last warnings:\n${withoutGcTrace(app.output()).slice(-2500)}`);
  if (profile && "error" in profile) say(`app CPU profile: ${profile.error}`);
  else if (profile) {
    say(`app CPU profile (${profile.file}): main thread ${profile.totalMs} ms sampled, decoder threads busy ${profile.decoderThreadsBusyMs} ms; main thread's self time by part:`);
    for (const c of profile.byCategory) say(`  ${c.what.padEnd(32)} ${(c.share * 100).toFixed(1).padStart(5)} %`);
    say("hottest functions:");
    for (const f of profile.byFunction.slice(0, 8)) say(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.what}`);
  }
}
process.exit(0);
