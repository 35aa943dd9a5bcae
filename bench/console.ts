/**
 * npm run bench:console — 10,000 tickets in one province (Huế's 40 wards and real boundaries,
 * 2,000 venues with a month of check-ins), then the console's heavy requests through the real
 * plugin (signed-in sessions, inject()): the map's data, the queue's first page, the statistics
 * page, the boundaries and the silent venues. Reports the server time of each (median and max of
 * a few runs), the CPU it costs this process and the embedded server (from /proc; none is
 * counted for a MONGODB_URI server), and the database commands each request costs (a counting
 * relay in front of the server). Against MONGODB_URI or a fresh embedded database.
 * On a shared machine elapsed times follow the load; the CPU the embedded server and this
 * process spend per request does not, and their sum is what the request takes on an idle core
 * (one request at a time: the app waits for the database and the database for the app). This
 * process's CPU includes the counting relay's.
 *   npm run bench:console -- [--tickets 10000] [--runs 5] [--only map,queue] [--json]
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CONSOLE_PREFIX, consolePlugin } from "../console/plugin.js";
import { createStores } from "../models/index.js";
import { openConnection } from "../platform/database.js";
import { startEmbeddedMongo } from "../platform/embedded-mongo/index.js";
import { createLogger } from "../platform/logger.js";
import { createServer } from "../server/app.js";
import { CLI_OPERATOR } from "../services/access/authorize.js";
import { createConsoleLink } from "../services/access/console-links.js";
import { importActivity } from "../services/registry/activity-import.js";
import { importVenues } from "../services/registry/venue-import.js";
import { VENUE_COLUMNS } from "../services/registry/venue-csv.js";
import { importWards } from "../services/routing/ward-import.js";
import { createWardDirectory } from "../services/routing/ward-directory.js";
import { addDays, vietnamDay } from "../services/text/vietnam-day.js";
import { hueUnits, hueWardsGeoJson, PROVINCE } from "../simulator/demo/demo-world.js";
import { VENUE_CATEGORIES } from "../models/venue.js";
import { seedConsoleTickets } from "../tests/support/console-tickets.js";
import { encodeMapTickets } from "../console/map/map-data.js";
import { computeProvinceStats } from "../services/tickets/province-stats.js";
import { startCountingRelay } from "./mongo-relay.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const TICKETS = Number(arg("tickets", "10000"));
const RUNS = Number(arg("runs", "5"));
const json = process.argv.includes("--json");
const only = arg("only", "").split(",").filter(Boolean);

/** CPU milliseconds a process has used (user + system), from /proc; 0 where there is no such file. */
async function cpuMsOf(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) || 0) + (Number(fields[12]) || 0)) * 10; // clock ticks of 10 ms
}
const appCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const say = (s: string) => void (json ? process.stderr : process.stdout).write(`${s}\n`);
const now = new Date();

const logger = createLogger("warn");
const dataDir = await mkdtemp(join(tmpdir(), "bench-console-"));
const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ dataDir, logger });
const target = new URL(process.env.MONGODB_URI ?? embedded!.uri);
const relay = await startCountingRelay({ host: target.hostname, port: Number(target.port || 27017) });
const relayed = new URL(target.href);
relayed.host = `127.0.0.1:${relay.port}`;
relayed.pathname = `/bench_console_${randomBytes(4).toString("hex")}`;
const conn = await openConnection(relayed.href);
const stores = createStores(conn);
await stores.syncIndexes();

say(`seeding: Huế's wards, 2,000 venues, ${TICKETS} tickets (database ${embedded?.backend ?? "MONGODB_URI"}) …`);
const seedStart = performance.now();
const geojson = hueWardsGeoJson();
await importWards(stores.wards, { fileName: "hue-units.json", text: hueUnits(geojson) }, [{ fileName: "hue-wards.geojson", text: geojson }], "bench");
const wards = await stores.wards.withBoundariesInProvince(PROVINCE);
const venueRows = Array.from({ length: 2000 }, (_, i) => {
  const w = wards[i % wards.length]!;
  return `B${String(i).padStart(5, "0")},Cơ sở ${i},${i} Lê Lợi,${VENUE_CATEGORIES[i % VENUE_CATEGORIES.length]},${w.code},${(16.40 + (i % 150) / 1000).toFixed(4)},${(107.52 + (i % 170) / 1000).toFixed(4)},active,`;
});
await importVenues(stores.venues, new TextEncoder().encode([VENUE_COLUMNS.join(","), ...venueRows].join("\n")), () => true, "bench");
const today = vietnamDay(now);
const scans = ["code,date,scans", ...venueRows.flatMap((_, i) => (i % 3 === 0 ? [] : [`B${String(i).padStart(5, "0")},${addDays(today, -(i % 30))},${1 + (i % 7)}`]))];
const directory = createWardDirectory(stores.wards);
await directory.refresh();
await importActivity({ ...stores, clock: () => now, provinceOf: (w) => directory.byCode(w)?.provinceCode }, CLI_OPERATOR, new TextEncoder().encode(scans.join("\n")));
await seedConsoleTickets(conn, wards, TICKETS, now);
say(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const server = createServer();
await server.register(consolePlugin({ stores, directory, clock: () => new Date(), logger, defaultLocale: "vi" }), { prefix: CONSOLE_PREFIX });
await server.ready();
async function session(role: "supervisor" | "officer" | "registry", scope: { provinceCode?: string; wardCode?: string }): Promise<string> {
  const a = await stores.accounts.ensure("telegram", `bench-${role}`, { displayName: role });
  const made = await createConsoleLink({ ...stores, clock: () => new Date() }, (await stores.accounts.grantRole(a.id, role, scope))!, CLI_OPERATOR);
  if ("refused" in made) throw new Error(`no link for ${role}`);
  const res = await server.inject({ method: "POST", url: `/console/sign-in/${made.token}` });
  return res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
const supervisor = await session("supervisor", { provinceCode: PROVINCE });
const officer = await session("officer", { wardCode: wards[0]!.code });
const keeper = await session("registry", { provinceCode: PROVINCE });

async function measure(label: string, cookie: string, url: string) {
  if (only.length > 0 && !only.some((o) => label.startsWith(o))) return undefined;
  const times: number[] = [];
  const appCpu: number[] = [];
  const dbCpu: number[] = [];
  let bytes = 0;
  let status = 0;
  let commands = 0;
  let dbMs = 0;
  for (let i = 0; i <= RUNS; i++) {
    relay.reset();
    const start = performance.now();
    const dbStart = await cpuMsOf(embedded?.pid);
    const appStart = appCpuMs();
    const res = await server.inject({ method: "GET", url, headers: { cookie } });
    const ms = performance.now() - start;
    if (i > 0) {
      appCpu.push(appCpuMs() - appStart);
      dbCpu.push((await cpuMsOf(embedded?.pid)) - dbStart);
    }
    status = res.statusCode;
    bytes = res.rawPayload.length;
    commands = [...relay.stats.values()].reduce((s, k) => s + k.count, 0);
    dbMs = [...relay.stats.values()].reduce((s, k) => s + k.totalMs, 0);
    if (i > 0) times.push(ms); // the first run warms caches (boundaries, code paths)
  }
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  const row = {
    label, url, status, medianMs: median(times), maxMs: Math.round(Math.max(...times)), appCpuMs: median(appCpu), dbCpuMs: median(dbCpu),
    kB: Math.round(bytes / 1024), dbCommands: commands, lastRunDbMs: Math.round(dbMs),
  };
  const n = (x: number, width = 6) => String(x).padStart(width);
  say(`${label.padEnd(34)} ${n(row.medianMs)} ms median ${n(row.maxMs)} ms max  CPU: app ${n(row.appCpuMs, 5)} ms + database ${n(row.dbCpuMs, 5)} ms = ${n(row.appCpuMs + row.dbCpuMs)} ms ${n(row.kB)} kB ${n(commands, 3)} db commands ${n(row.lastRunDbMs)} ms waited on them (${status})`);
  return row;
}

const period = `from=${addDays(today, -119)}&to=${today}`;
say(`\n${RUNS} runs each after a warm-up; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const someTicket = (await stores.tickets.mapPoints({ provinceCode: PROVINCE }, 1))[0]!;
const results = [
  await measure("map data, province, no filter", supervisor, "/console/map/tickets.json"),
  await measure("map data, province, open + overdue", supervisor, "/console/map/tickets.json?state=new&state=acknowledged&state=inspecting&overdue=1"),
  await measure("map data, one ward (officer)", officer, "/console/map/tickets.json"),
  await measure("map page (HTML)", supervisor, "/console/map"),
  await measure("map boundaries (cached)", supervisor, "/console/map/wards.json"),
  await measure("silent venues (keeper)", keeper, "/console/map/silent.json"),
  await measure("queue first page, province", supervisor, "/console/queue"),
  await measure("queue first page, overdue", supervisor, "/console/queue?overdue=1"),
  await measure("statistics, 30 days", supervisor, "/console/statistics"),
  await measure("statistics, 120 days (all)", supervisor, `/console/statistics?${period}`),
  await measure("ticket page", supervisor, `/console/tickets/${encodeURIComponent(someTicket.number)}`),
].filter((r) => r !== undefined);
// What the application itself spends, apart from the database: the same work on data already read.
const all = await stores.tickets.figuresBetween({ provinceCode: PROVINCE }, new Date(0), new Date(now.getTime() + 1));
const points = await stores.tickets.mapPoints({ provinceCode: PROVINCE }, 20_001);
const inApp = (label: string, f: () => unknown) => {
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) f();
  say(`${label.padEnd(34)} ${((performance.now() - start) / RUNS).toFixed(1).padStart(6)} ms (application only)`);
};
say("");
inApp(`statistics of ${all.length} tickets`, () => computeProvinceStats({ provinceCode: PROVINCE, wards, tickets: all, now }));
inApp(`map rows of ${points.length} tickets`, () => JSON.stringify(encodeMapTickets(points, 20_000, now, (k) => k, (c) => c)));
if (json) process.stdout.write(`${JSON.stringify({ tickets: TICKETS, backend: embedded?.backend ?? "external", results }, null, 2)}\n`);

await server.close();
await conn.dropDatabase().catch(() => undefined);
await conn.close();
await relay.close();
await embedded?.stop();
await rm(dataDir, { recursive: true, force: true });
