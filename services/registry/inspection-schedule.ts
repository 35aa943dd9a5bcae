import type { Logger } from "../../platform/logger.js";
import { repeatEvery } from "../../platform/repeat.js";
import type { RegistryActor } from "../access/authorize.js";
import { vietnamDay } from "../text/vietnam-day.js";
import { issueInspections, weekOf, type InspectionDeps } from "./inspections.js";

/** The schedule acts by the administrators' configuration (INSPECTIONS_SCHEDULE). */
const SCHEDULE: RegistryActor = { id: "schedule", role: "admin" };
const DAY = 24 * 3600e3;

export interface ScheduleDeps extends InspectionDeps {
  logger: Logger;
  /** Names this instance in its claims. */
  instance: string;
}

export interface Schedule {
  /** 0 = Monday. */
  weekday: number;
  /** Minutes after midnight, Vietnam time. */
  minutes: number;
  silentDays: number;
  perWardWeek: number;
}

/**
 * Once the week's scheduled time has come, issues the list of every province that has venues,
 * each province once a week whichever instance gets there first (a claim per province and week).
 * An instance that starts after the time catches up the same week; a week whose claim was taken
 * by an instance that died mid-run is left to the keeper's /inspections (issuing is safe to repeat).
 */
export async function runInspectionSchedule(deps: ScheduleDeps, schedule: Schedule): Promise<number> {
  const now = deps.clock();
  const week = weekOf(now);
  const due = new Date(`${week}T00:00:00+07:00`).getTime() + schedule.weekday * DAY + schedule.minutes * 60e3;
  if (now.getTime() < due) return 0;
  const venueWards = new Set(await deps.venues.wardCodes());
  const provinces = [...new Set((await deps.wards.all()).filter((w) => venueWards.has(w.code)).map((w) => w.provinceCode))].sort();
  let issued = 0;
  for (const province of provinces) {
    if (!(await deps.claims.take(`inspection-schedule:${province}:${week}`, now, deps.instance))) continue;
    const r = await issueInspections(deps, SCHEDULE, province, { asOf: vietnamDay(now), silentDays: schedule.silentDays, perWardWeek: schedule.perWardWeek });
    if (r.ok) issued += r.issued;
    deps.logger.info({ province, week, issued: r.ok ? r.issued : 0 }, "scheduled inspection list issued");
  }
  return issued;
}

/** Checks every `intervalMs` until stopped; a failed pass is logged and the next one retries. */
export function startInspectionSchedule(deps: ScheduleDeps, schedule: Schedule, intervalMs = 60_000): () => void {
  return repeatEvery(intervalMs, () => runInspectionSchedule(deps, schedule), (err) => deps.logger.error({ err }, "scheduled inspection list failed"));
}
