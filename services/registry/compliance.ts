import type { activityStore } from "../../models/check-in-activity.js";
import type { Venue, venueStore } from "../../models/venue.js";
import type { wardStore } from "../../models/ward.js";
import { authorizeRegistry, type RegistryActor, type Refusal } from "../access/authorize.js";
import { fullName, type WardRef } from "../routing/ward-ref.js";
import { addDays } from "../text/vietnam-day.js";

/** Cao Bằng's measure: a venue counts as compliant when its code was scanned in the last 7 days. */
export const SCAN_WINDOW_DAYS = 7;
export const DEFAULT_SILENT_DAYS = 14;
export const TREND_WEEKS = 8;

export interface ComplianceFigures {
  /** Registered venues with status active. */
  active: number;
  /** Of those, scanned at least once in the 7 days up to the report's day. */
  scanned7d: number;
  /** scanned7d / active, undefined without active venues. */
  rate?: number;
  neverScanned: number;
  /** Not scanned in the last `silentDays` days, never-scanned venues included. */
  silent: number;
}

export interface SilentVenue {
  code: string;
  name: string;
  address: string;
  wardCode: string;
  category: string;
  /** Undefined when never scanned. */
  lastScanDay?: string;
  /** The registered place, for the console's map layer of silent venues. */
  location?: { lat: number; lng: number };
}

export interface ComplianceReport {
  provinceCode: string;
  provinceName: string;
  /** The last day included (Vietnam date). */
  asOf: string;
  silentDays: number;
  total: ComplianceFigures;
  wards: (ComplianceFigures & { wardCode: string; wardName: string })[];
  categories: (ComplianceFigures & { category: string })[];
  /** Weeks ending on asOf, asOf − 7 days, …, oldest first. */
  trend: { weekEnding: string; active: number; scanned: number; rate?: number }[];
  /** Silent venues, the longest silent first (never scanned before all). */
  silentVenues: SilentVenue[];
}

type Tally = Omit<ComplianceFigures, "rate">;
const empty = (): Tally => ({ active: 0, scanned7d: 0, neverScanned: 0, silent: 0 });
const withRate = (t: Tally): ComplianceFigures => ({ ...t, rate: t.active ? t.scanned7d / t.active : undefined });

/** The figures, from the province's active venues and its scan days (pure: tested by hand-computed fixtures). */
export function computeCompliance(input: {
  province: { code: string; name: string };
  wards: WardRef[];
  venues: (Pick<Venue, "code" | "name" | "address" | "wardCode" | "category"> & { location?: { lat: number; lng: number } })[];
  lastScanDay: ReadonlyMap<string, string>;
  scanDays: { venueCode: string; day: string }[];
  asOf: string;
  silentDays: number;
}): ComplianceReport {
  const { asOf, silentDays } = input;
  const recentFrom = addDays(asOf, 1 - SCAN_WINDOW_DAYS);
  const silentFrom = addDays(asOf, 1 - silentDays);
  const total = empty();
  const byWard = new Map(input.wards.map((w) => [w.code, empty()]));
  const byCategory = new Map<string, Tally>();
  const silentVenues: SilentVenue[] = [];
  for (const v of input.venues) {
    const last = input.lastScanDay.get(v.code);
    const tallies = [total, byWard.get(v.wardCode), byCategory.get(v.category) ?? byCategory.set(v.category, empty()).get(v.category)!];
    for (const t of tallies) {
      if (!t) continue;
      t.active++;
      if (last && last >= recentFrom) t.scanned7d++;
      if (!last) t.neverScanned++;
      if (!last || last < silentFrom) t.silent++;
    }
    if (!last || last < silentFrom) silentVenues.push({ code: v.code, name: v.name, address: v.address, wardCode: v.wardCode, category: v.category, lastScanDay: last, location: v.location });
  }
  silentVenues.sort((a, b) => (a.lastScanDay ?? "").localeCompare(b.lastScanDay ?? "") || a.code.localeCompare(b.code));

  const active = new Set(input.venues.map((v) => v.code));
  const trend = [];
  for (let k = TREND_WEEKS - 1; k >= 0; k--) {
    const weekEnding = addDays(asOf, -SCAN_WINDOW_DAYS * k);
    const from = addDays(weekEnding, 1 - SCAN_WINDOW_DAYS);
    const scanned = new Set(input.scanDays.filter((s) => active.has(s.venueCode) && s.day >= from && s.day <= weekEnding).map((s) => s.venueCode)).size;
    trend.push({ weekEnding, active: active.size, scanned, rate: active.size ? scanned / active.size : undefined });
  }
  return {
    provinceCode: input.province.code,
    provinceName: input.province.name,
    asOf,
    silentDays,
    total: withRate(total),
    wards: input.wards.map((w) => ({ wardCode: w.code, wardName: fullName(w), ...withRate(byWard.get(w.code)!) })),
    categories: [...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([category, t]) => ({ category, ...withRate(t) })),
    trend,
    silentVenues,
  };
}

export interface ComplianceDeps {
  wards: Pick<ReturnType<typeof wardStore>, "inProvince">;
  venues: Pick<ReturnType<typeof venueStore>, "activeInWards">;
  activity: Pick<ReturnType<typeof activityStore>, "lastScanDays" | "scanDaysBetween">;
}

export type ComplianceResult = { ok: true; report: ComplianceReport } | { ok: false; reason: Refusal | "unknown_province" };

/** A province's compliance as of a day, for an administrator or that province's keeper only. */
export async function complianceOf(deps: ComplianceDeps, actor: RegistryActor, provinceCode: string, opts: { asOf: string; silentDays: number }): Promise<ComplianceResult> {
  const refusal = authorizeRegistry(actor, provinceCode);
  if (refusal) return { ok: false, reason: refusal };
  const wards = await deps.wards.inProvince(provinceCode);
  if (wards.length === 0) return { ok: false, reason: "unknown_province" };
  const [venues, lastScanDay, scanDays] = await Promise.all([
    deps.venues.activeInWards(wards.map((w) => w.code)),
    deps.activity.lastScanDays(provinceCode, opts.asOf),
    deps.activity.scanDaysBetween(provinceCode, addDays(opts.asOf, 1 - SCAN_WINDOW_DAYS * TREND_WEEKS), opts.asOf),
  ]);
  const report = computeCompliance({
    province: { code: provinceCode, name: wards[0]!.provinceName },
    wards,
    venues,
    lastScanDay,
    scanDays,
    ...opts,
  });
  return { ok: true, report };
}
