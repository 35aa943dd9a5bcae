import { createHash } from "node:crypto";
import type { WardImport, wardStore } from "../../models/ward.js";
import type { ImportSummary, Rejection } from "../registry/import-report.js";
import { parseBoundaries } from "./ward-boundaries.js";
import type { Boundary } from "./ward-locator.js";
import { fullName } from "./ward-ref.js";
import { searchKey } from "../text/search-key.js";
import { parseUnits } from "./ward-units.js";

export interface InputFile {
  fileName: string;
  text: string;
}

const hash = (v: unknown) => createHash("sha256").update(JSON.stringify(v)).digest("base64url");

/**
 * Upserts the units of one units file and the boundaries of any GeoJSON files by code. A unit
 * re-imported without a boundary keeps the one it has; a boundary for a code missing from the
 * units file is rejected.
 */
export async function importWards(
  wards: ReturnType<typeof wardStore>,
  units: InputFile,
  boundaryFiles: InputFile[],
  source = "import",
): Promise<ImportSummary> {
  const parsed = parseUnits(units.text, units.fileName);
  const rejected: Rejection[] = [...parsed.rejected];
  const boundaries = new Map<string, Boundary>();
  for (const file of boundaryFiles) {
    const b = parseBoundaries(file.text, file.fileName);
    rejected.push(...b.rejected);
    for (const [code, boundary] of b.byCode) boundaries.set(code, boundary);
  }
  const existing = await wards.hashes();
  const unitCodes = new Set(parsed.wards.map((w) => w.code));
  for (const code of boundaries.keys()) {
    if (!unitCodes.has(code)) rejected.push({ where: code, reason: "boundary_for_unknown_ward" });
  }

  const writes: WardImport[] = [];
  let added = 0, updated = 0, unchanged = 0;
  for (const w of parsed.wards) {
    const boundary = boundaries.get(w.code);
    const doc: WardImport = { ...w, searchKey: searchKey(fullName(w)), source, unitHash: hash(w) };
    if (boundary) {
      doc.boundaryGeoJson = JSON.stringify(boundary);
      doc.boundaryHash = hash(boundary);
    }
    const before = existing.get(w.code);
    if (!before) added++;
    else if (before.unitHash === doc.unitHash && (!boundary || before.boundaryHash === doc.boundaryHash)) {
      unchanged++;
      continue;
    } else updated++;
    writes.push(doc);
  }
  const known = new Set(existing.keys());
  for (let i = 0; i < writes.length; i += 500) await wards.upsertMany(writes.slice(i, i + 500), known);
  return { added, updated, unchanged, rejected };
}
