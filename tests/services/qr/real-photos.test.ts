import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeQr } from "../../../services/qr/decode-qr.js";

const root = fileURLToPath(new URL("../../../../shared/data/qr-photos/zxing-blackbox/", import.meta.url));
const present = existsSync(root);
if (!present) console.warn(`real QR photos not found at ${root}: skipping; the full evaluation is npm run bench:qr`);

/** A small sample across the folders; the whole set is the benchmark's job, not a test's. */
const READABLE = ["qrcode-1/1.png", "qrcode-2/33.png", "qrcode-3/01.png", "qrcode-4/09.png", "qrcode-4/34.png", "qrcode-5/01.png", "qrcode-6/1.png", "qrcode-2/28.png"];
/** Codes printed on T-shirts: zxing and jsQR read none of these; the mesh sampler reads them all. */
const ON_CLOTH = ["qrcode-4/05.png", "qrcode-4/30.png", "qrcode-4/33.png"];
const NO_CODE = ["falsepositives-2/01.png", "falsepositives-2/13.png", "falsepositives-2/25.png"];

describe.skipIf(!present)("decodeQr on real phone photos (ZXing black-box set)", () => {
  for (const name of READABLE) {
    it(`reads ${name} to the labelled text`, async () => {
      const expected = (await readFile(`${root}${name.replace(/\.\w+$/, ".txt")}`, "utf8")).trimEnd();
      const result = await decodeQr(await readFile(root + name));
      expect(result.codes.map((c) => c.text.trimEnd())).toContain(expected);
    });
  }

  for (const name of ON_CLOTH) {
    it(`reads the print on cloth ${name} through the mesh sampler`, async () => {
      const expected = (await readFile(`${root}${name.replace(/\.\w+$/, ".txt")}`, "utf8")).trimEnd();
      const result = await decodeQr(await readFile(root + name));
      expect(result.codes.map((c) => [c.text.trimEnd(), c.engine])).toEqual([[expected, "mesh"]]);
    });
  }

  for (const name of NO_CODE) {
    it(`finds no code in ${name}`, async () => {
      expect((await decodeQr(await readFile(root + name))).outcome).toBe("no_code_found");
    });
  }
});
