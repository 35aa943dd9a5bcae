import type { auditStore } from "../../models/audit-event.js";
import type { Activity, activityStore, NewActivity } from "../../models/check-in-activity.js";
import { activityId } from "../../models/check-in-activity.js";
import type { venueStore } from "../../models/venue.js";
import { registryScope, type RegistryActor, type Refusal } from "../access/authorize.js";
import { vietnamDay } from "../text/vietnam-day.js";
import { parseActivityCsv, type ActivityRow } from "./activity-csv.js";
import { ImportInputError, type ImportSummary } from "./import-report.js";

const BATCH = 1000;

export interface ActivityImportDeps {
  venues: Pick<ReturnType<typeof venueStore>, "wardsOf">;
  activity: Pick<ReturnType<typeof activityStore>, "existing" | "replace" | "dayIds">;
  audit: Pick<ReturnType<typeof auditStore>, "append">;
  /** The province of a ward in the directory. */
  provinceOf: (wardCode: string) => string | undefined;
  clock: () => Date;
}

export type ActivityImportResult = { ok: true; summary: ImportSummary } | { ok: false; reason: Refusal };

export interface ActivityImportOptions {
  /**
   * Also remove the stored day records of the file's days (in its provinces) that the file does
   * not name: a complete export replacing a wrong one. Refused when any row is rejected, since a
   * file that is mostly bad would otherwise wipe every venue it failed to name.
   */
  replaceDays?: boolean;
  /** Validate and count (what would be added, updated and removed) without writing anything. */
  dryRun?: boolean;
}

/**
 * Imports an activity CSV. Every row is validated first. The rule (README, "Limits"): an import
 * replaces exactly what its good rows cover (a venue's day, a venue's summary) and nothing else,
 * so bad rows never cost other venues their days; importing the same file twice, or a corrected
 * row, leaves what the latest file says. Removing what a file does not name is the explicit
 * `replaceDays`, for clean files only, with a dry run that counts what it would remove. Codes the
 * registry does not know, and for a keeper codes of another province, are listed as unknown.
 */
export async function importActivity(deps: ActivityImportDeps, actor: RegistryActor, csv: Uint8Array, options: ActivityImportOptions = {}): Promise<ActivityImportResult> {
  const scope = registryScope(actor);
  if (typeof scope === "string") return { ok: false, reason: scope };
  const now = deps.clock();
  const { rows, rejected } = parseActivityCsv(csv, vietnamDay(now));
  const wards = await deps.venues.wardsOf([...new Set(rows.map((r) => r.code))]);
  const unknown = new Set<string>();
  const records: NewActivity[] = [];
  for (const row of rows) {
    const wardCode = wards.get(row.code);
    const provinceCode = wardCode ? deps.provinceOf(wardCode) : undefined;
    if (!wardCode || !provinceCode || (scope.provinceCode && provinceCode !== scope.provinceCode)) unknown.add(row.code);
    else records.push(recordOf(row, wardCode, provinceCode, now));
  }

  const existing = await deps.activity.existing(records.map(activityId));
  let added = 0, updated = 0, unchanged = 0;
  for (const r of records) {
    const before = existing.get(activityId(r));
    if (!before) added++;
    else if (sameFacts(before, r)) unchanged++;
    else updated++;
  }
  const ids = records.map(activityId);
  let removed: number | undefined;
  let days: string[] = [], provinces: string[] = [];
  if (options.replaceDays) {
    if (rejected.length > 0) throw new ImportInputError("replace_with_rejected_rows", `${rejected.length} rejected row(s): a whole-day replace needs a clean file`);
    const dayRecords = records.filter((r) => r.kind === "day");
    days = [...new Set(dayRecords.map((r) => r.day!))];
    provinces = [...new Set(dayRecords.map((r) => r.provinceCode))];
    const named = new Set(ids);
    removed = (await deps.activity.dayIds(days, provinces)).filter((id) => !named.has(id)).length;
  }
  const summary: ImportSummary = { added, updated, unchanged, rejected, unknown: [...unknown].sort(), ...(removed === undefined ? {} : { removed }) };
  if (options.dryRun) return { ok: true, summary: { ...summary, dryRun: true } };
  await deps.activity.replace({ days, provinces, summaryOf: [], ids: ids.slice(0, BATCH) }, records.slice(0, BATCH));
  for (let i = BATCH; i < records.length; i += BATCH) await deps.activity.replace({ days: [], provinces: [], summaryOf: [], ids: ids.slice(i, i + BATCH) }, records.slice(i, i + BATCH));

  await deps.audit.append({
    at: now, actorId: actor.id, actorRole: actor.role, action: "import_activity", subjectKind: "province", subjectId: scope.provinceCode ?? "*",
    meta: { added, updated, unchanged, removed: removed ?? 0, rejected: rejected.length, unknown: unknown.size },
  });
  return { ok: true, summary };
}

function recordOf(row: ActivityRow, wardCode: string, provinceCode: string, importedAt: Date): NewActivity {
  const place = { venueCode: row.code, wardCode, provinceCode, importedAt };
  if (row.kind === "day") return { kind: "day", ...place, day: row.day, scans: row.scans };
  return {
    kind: "last", ...place,
    day: row.lastScanAt ? vietnamDay(row.lastScanAt) : undefined,
    scans: row.lastScanAt ? 1 : 0,
    lastScanAt: row.lastScanAt,
    scans7d: row.scans7d,
  };
}

const sameFacts = (a: Activity, b: NewActivity) =>
  a.scans === b.scans && (a.scans7d ?? undefined) === (b.scans7d ?? undefined) && (a.lastScanAt?.getTime() ?? 0) === (b.lastScanAt?.getTime() ?? 0);
