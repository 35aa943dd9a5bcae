import type { Stores } from "../../models/index.js";
import type { RegistryActor } from "../access/authorize.js";
import { openTicket } from "../tickets/open-ticket.js";
import { addDays, vietnamDay } from "../text/vietnam-day.js";
import { complianceOf, type ComplianceResult, type SilentVenue } from "./compliance.js";

const DAY = 24 * 3600e3;

export type InspectionDeps = Pick<Stores, "tickets" | "counters" | "outbox" | "deadlineRules" | "claims" | "audit" | "wards" | "venues" | "activity"> & {
  clock: () => Date;
};

export interface InspectionOptions {
  /** The day silence is measured to (Vietnam date). */
  asOf: string;
  silentDays: number;
  /** At most this many inspection tickets per ward per week (Monday to Sunday, Vietnam time). */
  perWardWeek: number;
  dryRun?: boolean;
}

export interface WardInspections {
  wardCode: string;
  wardName: string;
  /** Inspection tickets the ward already got this week, before this run. */
  already: number;
  /** Silent venues passed over because a ticket for them is open. */
  open: number;
  /** Silent venues passed over because they were inspected within the silent period. */
  recent: number;
  /** The venues listed (issued, or that would be with a dry run); `number` once issued. */
  venues: (SilentVenue & { number?: string })[];
}

export type InspectionResult =
  | { ok: true; provinceName: string; asOf: string; week: string; issued: number; wards: WardInspections[] }
  | { ok: false; reason: Extract<ComplianceResult, { ok: false }>["reason"] };

/** The Monday (Vietnam date) of the week `at` falls in: the cap's week. */
export function weekOf(at: Date): string {
  const day = vietnamDay(at);
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/**
 * Turns a province's silent venues (compliance's rule: not scanned for `silentDays`, never
 * scanned first, then the longest silent) into inspection tickets for their wards: at most
 * `perWardWeek` per ward per week, none for a venue with an open ticket or one inspected within
 * the last `silentDays` days. Safe to run twice and on several instances at once: each venue is
 * claimed once a week, and each ward's weekly slots 0…K−1 are claims too, so concurrent runs
 * cannot exceed the cap or double a venue.
 */
export async function issueInspections(deps: InspectionDeps, actor: RegistryActor, provinceCode: string, opts: InspectionOptions): Promise<InspectionResult> {
  const compliance = await complianceOf(deps, actor, provinceCode, opts);
  if (!compliance.ok) return compliance;
  const { report } = compliance;
  const now = deps.clock();
  const week = weekOf(now);
  const wardCodes = report.wards.map((w) => w.wardCode);
  const [open, recent, already] = await Promise.all([
    deps.tickets.openVenueCodes(provinceCode),
    // A venue inspected within the silent period is not listed again: its silence is no news, and
    // the wards' weekly slots go down the list instead of to the same never-scanned venues each week.
    deps.tickets.inspectedVenueCodes(provinceCode, new Date(now.getTime() - opts.silentDays * DAY)),
    deps.tickets.inspectionsSince(wardCodes, new Date(`${week}T00:00:00+07:00`)),
  ]);
  const wards: WardInspections[] = report.wards.map((w) => ({ wardCode: w.wardCode, wardName: w.wardName, already: already.get(w.wardCode) ?? 0, open: 0, recent: 0, venues: [] }));
  const byCode = new Map(wards.map((w) => [w.wardCode, w]));
  for (const v of report.silentVenues) {
    const ward = byCode.get(v.wardCode)!;
    if (open.has(v.code)) ward.open++;
    else if (recent.has(v.code)) ward.recent++;
    else if (ward.already + ward.venues.length < opts.perWardWeek) ward.venues.push(v);
  }
  if (!opts.dryRun) {
    for (const ward of wards) ward.venues = await issueInWard(deps, actor, { provinceCode, provinceName: report.provinceName, week, now }, ward, opts.perWardWeek);
  }
  const issued = wards.reduce((n, w) => n + w.venues.length, 0);
  if (!opts.dryRun) {
    await deps.audit.append({ at: now, actorId: actor.id, actorRole: actor.role, action: "issue_inspections", subjectKind: "province", subjectId: provinceCode, note: `${issued} as of ${opts.asOf}` });
  }
  return { ok: true, provinceName: report.provinceName, asOf: opts.asOf, week, issued, wards: wards.filter((w) => w.venues.length > 0 || w.open > 0 || w.recent > 0 || w.already > 0) };
}

interface Run {
  provinceCode: string;
  provinceName: string;
  week: string;
  now: Date;
}

/** Opens the ward's planned tickets, each after taking its venue's weekly claim and a free slot of the ward's week. */
async function issueInWard(deps: InspectionDeps, actor: RegistryActor, run: Run, ward: WardInspections, cap: number): Promise<WardInspections["venues"]> {
  const issued: WardInspections["venues"] = [];
  let slot = ward.already;
  for (const v of ward.venues) {
    if (!(await deps.claims.take(`inspection:${v.code}:${run.week}`, run.now, actor.id))) continue;
    while (slot < cap && !(await deps.claims.take(`inspection-slot:${ward.wardCode}:${run.week}:${slot}`, run.now, actor.id))) slot++;
    if (slot++ >= cap) break;
    const venue = await deps.venues.byCode(v.code);
    const ticket = await openTicket(deps, {
      violationType: "not_scanned",
      source: "inspection",
      wardCode: ward.wardCode,
      provinceCode: run.provinceCode,
      venueCode: v.code,
      location: venue?.location,
      address: v.address,
      verdict: "not_scanned",
      event: { at: run.now, actorId: actor.id, actorRole: actor.role, action: "inspection_issued", to: "new", note: v.lastScanDay ?? "never" },
    }, { provinceName: run.provinceName });
    issued.push({ ...v, number: ticket.number });
  }
  return issued;
}
