/**
 * npm run bench:import — imports all administrative units with the three provinces' boundaries,
 * then 50,000 generated venues from CSV, against MONGODB_URI or a fresh embedded database.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createStores } from "../models/index.js";
import { loadConfig } from "../platform/config.js";
import { connectDatabase } from "../platform/database.js";
import { createLogger } from "../platform/logger.js";
import { VENUE_CATEGORIES } from "../models/venue.js";
import { VENUE_COLUMNS, parseVenueCsv } from "../services/registry/venue-csv.js";
import { importVenues } from "../services/registry/venue-import.js";
import { importWards } from "../services/routing/ward-import.js";

const VENUES = Number(process.env.BENCH_VENUES ?? 50_000);
const dir = fileURLToPath(new URL("../../shared/data/vn-admin-units/", import.meta.url));
const dataDir = await mkdtemp(join(tmpdir(), "bench-import-"));
const logger = createLogger("warn");
const db = await connectDatabase(loadConfig({ ...process.env, DATA_DIR: dataDir }), logger);
const stores = createStores(db.connection);
await stores.syncIndexes();
console.log(`database: ${db.backend}`);

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await f();
  console.log(`${label}: ${((performance.now() - start) / 1000).toFixed(2)} s`, result);
  return result;
}

try {
  const files = (await readdir(dir)).sort();
  const read = async (f: string) => ({ fileName: f, text: await readFile(join(dir, f), "utf8") });
  const units = await read(files.find((f) => f.startsWith("units-"))!);
  const boundaries = await Promise.all(files.filter((f) => f.endsWith(".geojson")).map(read));
  const summary = (s: { added: number; updated: number; unchanged: number; rejected: unknown[] }) => ({ ...s, rejected: s.rejected.length });
  await timed("wards, first import", async () => summary(await importWards(stores.wards, units, boundaries)));
  await timed("wards, re-import (all unchanged)", async () => summary(await importWards(stores.wards, units, boundaries)));

  const wardCodes = (await stores.wards.all()).map((w) => w.code);
  const known = new Set(wardCodes);
  const rows = Array.from({ length: VENUES }, (_, i) => {
    const ward = wardCodes[i % wardCodes.length];
    const category = VENUE_CATEGORIES[i % VENUE_CATEGORIES.length];
    return `V${String(i).padStart(6, "0")},Cơ sở số ${i} – Quán Phở Hà Nội,"${i} đường Lê Lợi, phường Phú Xuân",${category},${ward},${(10 + (i % 1300) / 100).toFixed(4)},${(105 + (i % 400) / 100).toFixed(4)},active,`;
  });
  const csv = Buffer.from("\uFEFF" + [VENUE_COLUMNS.join(","), ...rows].join("\n"), "utf8");
  console.log(`venue CSV: ${VENUES} rows, ${(csv.length / 1e6).toFixed(1)} MB`);
  await timed("venue CSV parse + validation only", async () => parseVenueCsv(csv, (c) => known.has(c)).rows.length);
  await timed("venues, first import", async () => summary(await importVenues(stores.venues, csv, (c) => known.has(c))));
  await timed("venues, re-import (all unchanged)", async () => summary(await importVenues(stores.venues, csv, (c) => known.has(c))));
} finally {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
}
