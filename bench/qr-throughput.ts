import { availableParallelism } from "node:os";
import { createDecoderPool, type DecoderPool } from "../services/qr/decoder-pool.js";
import { photograph, renderTestPoster } from "../tests/support/posters.js";
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
  const small = await posterPhotos(8, 1280);
  const large = await posterPhotos(2, 4032);
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
  console.log(`${label}: ${count} photos in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(1)} photos/s (${decoded} decoded)`);
}

async function posterPhotos(count: number, width: number): Promise<Buffer[]> {
  const photos: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const poster = await renderTestPoster({
      payload: `https://kiemdich.example.vn/dd/${String(100000 + i)}`,
      venueName: `Nhà hàng Phố Cổ số ${i + 1}`,
      address: `${i + 10} Trần Hưng Đạo, phường Phú Hội, thành phố Huế`,
    });
    photos.push(await photograph(poster, { width, rotateDeg: (i % 5) * 4 - 8, perspective: (i % 3) * 0.08, jpegQuality: 80 }));
  }
  return photos;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
