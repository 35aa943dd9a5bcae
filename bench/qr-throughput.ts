import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDecoderPool, type DecoderPool } from "../services/qr/decoder-pool.js";
import { percentile } from "./qr-stats.js";

export interface ThroughputOptions {
  photos: number;
  threads: number | undefined;
}

/**
 * Pushes `photos` concurrent decodes of generated poster photos through the worker pool,
 * first 1280-px (Telegram's photo size), then 4032×3024 (a phone camera file), and prints
 * photos per second and the process's peak RSS (worker threads included).
 */
export async function runThroughput({ photos, threads }: ThroughputOptions): Promise<void> {
  const generated = await posterPhotos();
  const small = generated.filter((p) => p.name.startsWith("1280-")).map((p) => p.bytes);
  const large = generated.filter((p) => p.name.startsWith("4032-")).map((p) => p.bytes);
  console.log(`RSS before the pool: ${mb(process.memoryUsage().rss)} MB`);
  const pool = createDecoderPool({ threads: threads ?? availableParallelism(), maxQueue: photos });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await Promise.all([...small, ...large].map((photo) => pool.decode(photo)));
    console.log(`threads ${threads ?? availableParallelism()}, RSS after warm-up ${mb(process.memoryUsage().rss)} MB`);
    await burst(pool, "1280x960 posters", small, photos);
    await burst(pool, "4032x3024 posters", large, Math.max(4, Math.round(photos / 8)));
    const latencies: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      await pool.decode(large[i % large.length]!);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(`4032x3024 one at a time: median ${percentile(latencies, 0.5).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
  console.log(`peak RSS ${mb(peak)} MB`);
}

async function burst(pool: DecoderPool, label: string, set: Buffer[], count: number): Promise<void> {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, (_, i) => pool.decode(set[i % set.length]!)));
  const seconds = (performance.now() - started) / 1000;
  const decoded = results.filter((r) => r.outcome === "decoded").length;
  console.log(
    `${label}: ${count} photos in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(1)} photos/s (${decoded} decoded), RSS now ${mb(process.memoryUsage().rss)} MB`,
  );
}

async function posterPhotos(): Promise<{ name: string; bytes: Buffer }[]> {
  const dir = await mkdtemp(join(tmpdir(), "bench-qr-"));
  try {
    const script = fileURLToPath(new URL("./qr-make-posters.ts", import.meta.url));
    // process.execArgv carries tsx's loader, so the child runs TypeScript as this process does.
    await promisify(execFile)(process.execPath, [...process.execArgv, script, dir]);
    const names = (await readdir(dir)).sort();
    return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
