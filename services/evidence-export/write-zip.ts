import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { evidenceJson, type EvidencePack } from "./evidence-pack.js";
import { summaryVi } from "./summary-vi.js";

/**
 * Writes packs as one zip: per ticket a folder with the original photos (stored, not
 * recompressed, so their bytes and hashes are the received ones), evidence.json and tom-tat.txt.
 */
export async function writeEvidenceZip(packs: EvidencePack[], out: Writable): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const pack of packs) {
    const dir = pack.ticket.number;
    const mtime = new Date(pack.ticket.openedAt);
    for (const p of pack.photos) zip.addBuffer(p.bytes, `${dir}/photos/${p.name}`, { compress: false, mtime });
    zip.addBuffer(Buffer.from(JSON.stringify(evidenceJson(pack), null, 2)), `${dir}/evidence.json`, { mtime });
    zip.addBuffer(Buffer.from(summaryVi(pack)), `${dir}/tom-tat.txt`, { mtime });
  }
  zip.end();
  await pipeline(zip.outputStream, out);
}
