import { csvText } from "../../platform/csv.js";
import type { ComplianceFigures, ComplianceReport } from "./compliance.js";

export const COMPLIANCE_COLUMNS = ["scope", "code", "name", "active", "scanned_7d", "rate_percent", "never_scanned", "silent", "silent_days"] as const;

const pct = (rate: number | undefined) => (rate === undefined ? "" : (rate * 100).toFixed(1));
const figures = (f: ComplianceFigures) => [f.active, f.scanned7d, pct(f.rate), f.neverScanned, f.silent];

/**
 * One table for spreadsheets: the province, each ward, each category, then the weekly trend
 * (scope `week`, code = the week's last day, no never/silent figures); `silent` counts venues
 * without a scan in the last `silent_days` days.
 */
export function complianceCsv(report: ComplianceReport): string {
  const rows = [
    ["province", report.provinceCode, report.provinceName, ...figures(report.total)],
    ...report.wards.map((w) => ["ward", w.wardCode, w.wardName, ...figures(w)]),
    ...report.categories.map((c) => ["category", c.category, c.category, ...figures(c)]),
    ...report.trend.map((w) => ["week", w.weekEnding, "", w.active, w.scanned, pct(w.rate), "", ""]),
  ].map((r) => [...r, report.silentDays]);
  return csvText(rows, { header: true, columns: [...COMPLIANCE_COLUMNS] });
}
