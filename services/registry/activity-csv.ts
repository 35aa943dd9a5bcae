import { isDay, vietnamDay } from "../text/vietnam-day.js";
import { decodeUtf8, parseRecords } from "./csv-input.js";
import { ImportInputError, type Rejection } from "./import-report.js";

/** The two exports of QR check-in systems: one row per venue per day, or one row per venue. */
export const ACTIVITY_LAYOUTS = {
  day: ["code", "date", "scans"],
  last: ["code", "last_scan_at", "scans_7d"],
} as const;
export type ActivityLayout = keyof typeof ACTIVITY_LAYOUTS;

export type ActivityRow =
  | { kind: "day"; line: number; code: string; day: string; scans: number }
  | { kind: "last"; line: number; code: string; lastScanAt?: Date; scans7d: number };

/** 2026-11-20, 2026-11-20 08:15, 2026-11-20T08:15:00Z, 2026-11-20T08:15:00+07:00; no zone means Vietnam time. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseTimestamp(text: string): Date | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m || !isDay(m[1]!)) return undefined;
  const at = new Date(`${m[1]}T${m[2] ?? "00:00"}${m[3] ?? "+07:00"}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const count = (text: string) => (/^\d{1,9}$/.test(text) ? Number(text) : undefined);

/**
 * Validates an activity CSV row by row; the header names the layout. A day or a last scan later
 * than `today` is refused: an export cannot know the future, so it is a typo or a wrong clock.
 */
export function parseActivityCsv(bytes: Uint8Array, today: string): { layout: ActivityLayout; rows: ActivityRow[]; rejected: Rejection[] } {
  const [header, ...records] = parseRecords(decodeUtf8(bytes));
  const columns = (header?.record ?? []).map((c) => c.toLowerCase());
  const layout = (Object.keys(ACTIVITY_LAYOUTS) as ActivityLayout[]).find((l) => ACTIVITY_LAYOUTS[l].every((c) => columns.includes(c)));
  if (!layout) {
    const wanted = Object.values(ACTIVITY_LAYOUTS).map((cs) => cs.join(",")).join(" or ");
    throw new ImportInputError("missing_columns", `the header must name the columns ${wanted}`);
  }
  const rows: ActivityRow[] = [];
  const rejected: Rejection[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const cell = (name: string) => record[columns.indexOf(name)] ?? "";
    const reject = (reason: string, detail?: string) => rejected.push({ where: `line ${line}`, reason, ...(detail ? { detail } : {}) });
    const code = cell("code");
    const key = layout === "day" ? `${code}|${cell("date")}` : code;
    if (record.length < columns.length) reject("missing_cells", `${record.length} of ${columns.length} columns`);
    // A cell too many means the columns slipped (an unquoted comma): its values cannot be trusted either.
    else if (record.length > columns.length) reject("extra_cells", `${record.length} of ${columns.length} columns`);
    else if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) reject("bad_code", "1–64 letters, digits, '.', '_' or '-'");
    else if (firstLine.has(key)) reject("duplicate_row", `${key} already on line ${firstLine.get(key)}`);
    else if (layout === "day") {
      const scans = count(cell("scans"));
      if (!isDay(cell("date"))) reject("bad_date", `${cell("date")}: expected YYYY-MM-DD`);
      else if (cell("date") > today) reject("date_in_future", cell("date"));
      else if (scans === undefined) reject("bad_scans", cell("scans"));
      else {
        firstLine.set(key, line);
        rows.push({ kind: "day", line, code, day: cell("date"), scans });
      }
    } else {
      const scans7d = count(cell("scans_7d"));
      const lastScanAt = cell("last_scan_at") ? parseTimestamp(cell("last_scan_at")) : undefined;
      if (cell("last_scan_at") && !lastScanAt) reject("bad_last_scan_at", `${cell("last_scan_at")}: expected YYYY-MM-DD[ HH:MM[:SS]][zone], or empty when never scanned`);
      else if (lastScanAt && vietnamDay(lastScanAt) > today) reject("date_in_future", cell("last_scan_at"));
      else if (scans7d === undefined) reject("bad_scans", cell("scans_7d"));
      else {
        firstLine.set(key, line);
        rows.push({ kind: "last", line, code, lastScanAt, scans7d });
      }
    }
  }
  return { layout, rows, rejected };
}
