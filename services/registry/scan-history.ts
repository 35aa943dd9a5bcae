import type { Activity } from "../../models/check-in-activity.js";
import { addDays } from "../text/vietnam-day.js";

/** What an inspection card says of a venue's check-ins, up to `today` (Vietnam date). */
export interface ScanHistory {
  /** Undefined when never scanned. */
  lastScanDay?: string;
  scans7d: number;
  scans30d: number;
}

/**
 * From a venue's activity records: daily records give the 7- and 30-day sums; a summary
 * record (systems that export one) adds its last scan and, without daily records, its 7-day count.
 */
export function scanHistory(records: Pick<Activity, "kind" | "day" | "scans" | "scans7d">[], today: string): ScanHistory {
  const sum = (from: string) => records.filter((r) => r.kind === "day" && r.day! >= from && r.day! <= today).reduce((n, r) => n + r.scans, 0);
  const scanned = records.filter((r) => r.day && r.day <= today && (r.kind === "last" || r.scans > 0)).map((r) => r.day!);
  const summary = records.find((r) => r.kind === "last");
  const days = records.some((r) => r.kind === "day");
  return {
    lastScanDay: scanned.sort().at(-1),
    scans7d: days ? sum(addDays(today, -6)) : (summary?.scans7d ?? 0),
    scans30d: sum(addDays(today, -29)),
  };
}
