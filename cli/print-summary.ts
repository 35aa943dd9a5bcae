import type { ImportSummary } from "../services/registry/import-report.js";

/** Plain text for administrators: one totals line, then one line per rejected record. */
export function formatSummary(what: string, s: ImportSummary): string {
  const lines = [`${what}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected`];
  for (const r of s.rejected) lines.push(`  rejected ${r.where}: ${r.reason}${r.detail ? ` (${r.detail})` : ""}`);
  if (s.unknown?.length) lines.push(`  ${s.unknown.length} unknown code(s), skipped: ${s.unknown.join(", ")}`);
  return lines.join("\n") + "\n";
}
