import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { photograph, renderTestPoster } from "../../support/posters.js";

const run = promisify(execFile);
const root = new URL("../../..", import.meta.url).pathname;

describe("the annotated preview of a 12-megapixel photo", () => {
  // libvips' high-water mark is one figure for the whole process and never goes down: the preview
  // is made in a process of its own, which does nothing else with images.
  it("never holds the photo's full-resolution pixels (JPEG shrink-on-load)", async () => {
    const poster = await renderTestPoster({ payload: "HUE-VN-0097", venueName: "Bánh Khoái Thượng Tứ", address: "6 Thượng Tứ, Huế" });
    const dir = await mkdtemp(join(tmpdir(), "preview-memory-"));
    try {
      const file = join(dir, "photo.jpg");
      await writeFile(file, await photograph(poster, { width: 4032, height: 3024 }));
      const script = `
        import { readFile } from "node:fs/promises";
        import sharp from "sharp";
        import { annotatedPreview } from "./services/evidence/annotated-preview.ts";
        const corners = [{ x: 100, y: 100 }, { x: 900, y: 100 }, { x: 900, y: 900 }, { x: 100, y: 900 }];
        const preview = await annotatedPreview(await readFile(${JSON.stringify(file)}), [{ corners }]);
        console.log(JSON.stringify({ bytes: preview.length, highMb: sharp.cache().memory.high }));`;
      const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root });
      const { bytes, highMb } = JSON.parse(stdout) as { bytes: number; highMb: number };
      expect(bytes).toBeGreaterThan(0);
      // The full decode alone would be 4032 × 3024 × 3 bytes (35 MB).
      expect(highMb).toBeLessThan((4032 * 3024 * 3) / 2 ** 20 / 1.5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
