import { readFile } from "node:fs/promises";
import { decodeQr } from "../services/qr/decode-qr.js";
import { loadZxing } from "../services/qr/engines.js";
import { ImageRejectedError } from "../services/qr/errors.js";
import { jsqrAlone, zxingAlone, type BenchDecoder } from "./qr-baselines.js";
import { judge, loadSamples } from "./qr-dataset.js";
import { formatRow, HEADER, summarize, type Observation, type Row } from "./qr-stats.js";

const product: BenchDecoder = async (bytes) => {
  try {
    return (await decodeQr(bytes)).codes.map((code) => code.text);
  } catch (error) {
    if (error instanceof ImageRejectedError) return [];
    throw error;
  }
};

const DECODERS: Record<string, BenchDecoder> = { product, jsqr: jsqrAlone, zxing: zxingAlone };

/**
 * Runs the product decoder and both baselines on every sample, one image at a time on this
 * thread (the per-photo cost on one core), and prints a table per folder and in total.
 */
export async function runAccuracy(root: string, json: boolean): Promise<void> {
  const samples = await loadSamples(root);
  if (samples.length === 0) throw new Error(`no labelled images under ${root}`);
  await loadZxing();
  const byDecoder = new Map<string, Map<string, Observation[]>>();
  const misses: string[] = [];
  for (const sample of samples) {
    const bytes = await readFile(sample.path);
    for (const [name, decode] of Object.entries(DECODERS)) {
      const started = performance.now();
      const texts = await decode(bytes);
      const ms = performance.now() - started;
      const verdict = judge(sample.expected, texts);
      if (name === "product" && verdict !== "correct" && verdict !== "empty") misses.push(`${verdict.padEnd(9)} ${sample.path}`);
      const folders = byDecoder.get(name) ?? new Map<string, Observation[]>();
      byDecoder.set(name, folders);
      folders.set(sample.folder, [...(folders.get(sample.folder) ?? []), { verdict, ms }]);
    }
  }
  const totals: Record<string, Row> = {};
  console.log(HEADER);
  for (const [name, folders] of byDecoder) {
    for (const [folder, observations] of folders) console.log(formatRow(`${folder} · ${name}`, summarize(observations)));
    totals[name] = summarize([...folders.values()].flat());
    console.log(formatRow(`TOTAL · ${name}`, totals[name]));
  }
  if (misses.length > 0) console.log(`\nproduct misses:\n${misses.join("\n")}`);
  if (json) {
    console.log(JSON.stringify({ ...fields(totals.product!), baselines: { jsqr: fields(totals.jsqr!), zxing: fields(totals.zxing!) } }));
  }
}

function fields({ images, ...rest }: Row) {
  return { total: images, ...rest };
}
