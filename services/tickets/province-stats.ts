import type { ticketStore } from "../../models/ticket.js";
import type { venueStore } from "../../models/venue.js";
import type { wardStore } from "../../models/ward.js";
import type { WardRef } from "../routing/ward-ref.js";
import { fullName } from "../routing/ward-ref.js";
import { isoWeek, vietnamDay } from "../text/vietnam-day.js";
import { computeWardStats, type StatsTicket, type WardStats } from "./stats.js";

/** A ticket as the province's figures read it: the fields of StatsTicket and its ward. */
export type ProvinceStatsTicket = StatsTicket & { wardCode: string };

export interface ProvinceStats {
  provinceCode: string;
  provinceName: string;
  /** Every figure of the period; its byState and byType are the province's counts by state and type. */
  total: WardStats;
  /** One row per ward of the province (or only the wards asked for), in the wards' order, empty wards included. */
  wards: (WardStats & { wardName: string })[];
  /** One row per ISO week (Vietnam time) in which tickets were opened, oldest first; figures of that week's tickets. */
  weeks: (WardStats & { week: string })[];
}

export interface ProvinceStatsInput {
  provinceCode: string;
  wards: WardRef[];
  tickets: ProvinceStatsTicket[];
  /** ward code → venues with a confirmed violation / registered venues (the chat's /stats compliance figure). */
  violating: ReadonlyMap<string, number>;
  registered: ReadonlyMap<string, number>;
  now: Date;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

const sum = (m: ReadonlyMap<string, number>, codes: string[]) => codes.reduce((n, c) => n + (m.get(c) ?? 0), 0);

/**
 * The statistics page's figures, by ward and by week, from the same per-ward computation as the
 * chat's /stats and the CLI's CSV, so the three never disagree (pure: tested without a database).
 */
export function computeProvinceStats(input: ProvinceStatsInput): ProvinceStats {
  const { wards, tickets, now } = input;
  const codes = wards.map((w) => w.code);
  const byWard = groupBy(tickets, (t) => t.wardCode);
  const byWeek = groupBy(tickets, (t) => isoWeek(vietnamDay(new Date(t.openedAt))));
  const compliance = (c: string[]) => ({ violating: sum(input.violating, c), registered: sum(input.registered, c) });
  const none = { violating: 0, registered: 0 };
  return {
    provinceCode: input.provinceCode,
    provinceName: wards[0]?.provinceName ?? input.provinceCode,
    total: computeWardStats(input.provinceCode, tickets, now, compliance(codes)),
    wards: wards.map((w) => ({ ...computeWardStats(w.code, byWard.get(w.code) ?? [], now, compliance([w.code])), wardName: fullName(w) })),
    weeks: [...byWeek.keys()].sort().map((week) => ({ ...computeWardStats(input.provinceCode, byWeek.get(week)!, now, none), week })),
  };
}

export interface ProvinceStatsDeps {
  wards: Pick<ReturnType<typeof wardStore>, "inProvince">;
  tickets: Pick<ReturnType<typeof ticketStore>, "figuresBetween" | "confirmedVenueCountsByWard">;
  venues: Pick<ReturnType<typeof venueStore>, "countByWard">;
}

/** The figures of a province, or of one of its wards (an officer's view), over tickets opened in [from, to). */
export async function provinceStats(
  deps: ProvinceStatsDeps,
  scope: { provinceCode: string; wardCode?: string },
  period: { from: Date; to: Date },
  now: Date,
): Promise<ProvinceStats> {
  const all = await deps.wards.inProvince(scope.provinceCode);
  const wards = scope.wardCode ? all.filter((w) => w.code === scope.wardCode) : all;
  const codes = wards.map((w) => w.code);
  const [tickets, violating, registered] = await Promise.all([
    deps.tickets.figuresBetween({ provinceCode: scope.provinceCode, ...(scope.wardCode ? { wardCodes: codes } : {}) }, period.from, period.to),
    deps.tickets.confirmedVenueCountsByWard(scope.provinceCode),
    deps.venues.countByWard(codes),
  ]);
  return computeProvinceStats({ provinceCode: scope.provinceCode, wards, tickets, violating, registered, now });
}
