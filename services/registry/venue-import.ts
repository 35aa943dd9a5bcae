import { createHash } from "node:crypto";
import type { auditStore } from "../../models/audit-event.js";
import { registryScope, type RegistryActor, type Refusal } from "../access/authorize.js";
import type { VenueImport, venueStore } from "../../models/venue.js";
import type { ImportSummary, Rejection } from "./import-report.js";
import { parseVenueCsv } from "./venue-csv.js";
import { venueSearchKey } from "./venue-search.js";

const BATCH = 1000;

const lineOf = (r: Rejection) => Number(/^line (\d+)/.exec(r.where)?.[1] ?? 0);

/**
 * Imports a venue CSV: every row is validated before anything is written, so a rejected row
 * never leaves a partial venue; good rows are upserted by code, unchanged ones skipped.
 * `knownWard` says which wards the importer may put venues in; a registry keeper's import also
 * may not take over a venue registered in a ward outside them (`wardsOf` tells where each code is).
 */
export async function importVenues(
  venues: Pick<ReturnType<typeof venueStore>, "importHashes" | "upsertMany" | "wardsOf">,
  csv: Uint8Array,
  knownWard: (code: string) => boolean,
  source = "import",
  keepsEveryWard = true,
): Promise<ImportSummary> {
  const parsed = parseVenueCsv(csv, knownWard);
  const rejected = [...parsed.rejected];
  let rows = parsed.rows;
  if (!keepsEveryWard) {
    const registered = await venues.wardsOf(rows.map((r) => r.code));
    rows = rows.filter((r) => {
      const ward = registered.get(r.code);
      if (ward === undefined || knownWard(ward)) return true;
      rejected.push({ where: `line ${r.line}`, reason: "venue_of_other_province", detail: r.code });
      return false;
    });
    rejected.sort((a, b) => lineOf(a) - lineOf(b));
  }
  const existing = await venues.importHashes(rows.map((r) => r.code));
  let added = 0, updated = 0, unchanged = 0;
  const writes: VenueImport[] = [];
  for (const { line: _line, ...fields } of rows) {
    const row = { ...fields, searchText: venueSearchKey(`${fields.name} ${fields.address}`) };
    const importHash = createHash("sha256").update(JSON.stringify(row)).digest("base64url");
    const before = existing.get(row.code);
    if (before === importHash) {
      unchanged++;
      continue;
    }
    if (existing.has(row.code)) updated++;
    else added++;
    writes.push({ ...row, source, importHash });
  }
  const known = new Set(existing.keys());
  for (let i = 0; i < writes.length; i += BATCH) await venues.upsertMany(writes.slice(i, i + BATCH), known);
  return { added, updated, unchanged, rejected };
}

export interface VenueImportDeps {
  venues: Pick<ReturnType<typeof venueStore>, "importHashes" | "upsertMany" | "wardsOf">;
  audit: Pick<ReturnType<typeof auditStore>, "append">;
  /** The province of a ward in the directory. */
  provinceOf: (wardCode: string) => string | undefined;
  clock: () => Date;
}

/**
 * A venue import by a stored account (the console's upload): administrators anywhere, the
 * registry's keeper only into the wards of their province and never over another province's
 * venue; audited like the activity import.
 */
export async function importVenuesAs(deps: VenueImportDeps, actor: RegistryActor, csv: Uint8Array): Promise<{ ok: true; summary: ImportSummary } | { ok: false; reason: Refusal }> {
  const scope = registryScope(actor);
  if (typeof scope === "string") return { ok: false, reason: scope };
  const knownWard = (code: string) => {
    const province = deps.provinceOf(code);
    return province !== undefined && (scope.provinceCode === undefined || province === scope.provinceCode);
  };
  const summary = await importVenues(deps.venues, csv, knownWard, "import", scope.provinceCode === undefined);
  await deps.audit.append({
    at: deps.clock(), actorId: actor.id, actorRole: actor.role, action: "import_venues", subjectKind: "province", subjectId: scope.provinceCode ?? "*",
    meta: { added: summary.added, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length },
  });
  return { ok: true, summary };
}
