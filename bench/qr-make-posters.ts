import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { photograph, renderTestPoster } from "../tests/support/posters.js";

/**
 * Writes the throughput benchmark's poster photos to a folder. It runs as its own process so
 * that generating 12 MP photos does not inflate the RSS the benchmark measures for decoding.
 */
const [dir] = process.argv.slice(2);
if (!dir) throw new Error("usage: tsx bench/qr-make-posters.ts <dir>");
await mkdir(dir, { recursive: true });
for (const [width, count] of [[1280, 8], [4032, 2]] as const) {
  for (let i = 0; i < count; i++) {
    const poster = await renderTestPoster({
      payload: `https://kiemdich.example.vn/dd/${String(100000 + i)}`,
      venueName: `Nhà hàng Phố Cổ số ${i + 1}`,
      address: `${i + 10} Trần Hưng Đạo, phường Phú Hội, thành phố Huế`,
    });
    const photo = await photograph(poster, { width, rotateDeg: (i % 5) * 4 - 8, perspective: (i % 3) * 0.08, jpegQuality: 80 });
    await writeFile(join(dir, `${width}-${i}.jpg`), photo);
  }
}
