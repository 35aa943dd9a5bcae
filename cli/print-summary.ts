import { listedRejections, type ImportSummary } from "../services/registry/import-report.js";

/** Plain text for administrators: one totals line, then the rejected records (a huge list capped, with counts by reason). */
export function formatSummary(what: string, s: ImportSummary): string {
  const removed = s.removed === undefined ? "" : `, ${s.removed} ${s.dryRun ? "would be removed" : "removed"}`;
  const lines = [`${s.dryRun ? "dry run, nothing written: " : ""}${what}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged${removed}, ${s.rejected.length} rejected`];
  const { listed, more, byReason } = listedRejections(s.rejected);
  for (const r of listed) lines.push(`  rejected ${r.where}: ${r.reason}${r.detail ? ` (${r.detail})` : ""}`);
  if (more > 0) lines.push(`  … and ${more} more rejected; by reason: ${byReason.map(([reason, n]) => `${reason} ${n}`).join(", ")}`);
  if (s.unknown?.length) lines.push(`  ${s.unknown.length} unknown code(s), skipped: ${s.unknown.join(", ")}`);
  return lines.join("\n") + "\n";
}
