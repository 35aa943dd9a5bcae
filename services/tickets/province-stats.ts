import type { Ticket, ticketStore } from "../../models/ticket.js";
import type { wardStore } from "../../models/ward.js";
import type { WardRef } from "../routing/ward-ref.js";
import { fullName } from "../routing/ward-ref.js";
import { isoWeek, vietnamDay } from "../text/vietnam-day.js";
import { computeSatisfaction, type Satisfaction } from "./satisfaction.js";
import { computeTicketFigures, type StatsTicket, type TicketFigures } from "./stats.js";

/** A ticket as the province's figures read it: the fields of StatsTicket, residents' ratings and its ward. */
export type ProvinceStatsTicket = StatsTicket & Pick<Ticket, "ratings"> & { wardCode: string };

/** The tickets' figures and residents' satisfaction with their closings (issue 17). */
export type RatedFigures = TicketFigures & { satisfaction: Satisfaction };

export interface ProvinceStats {
  provinceCode: string;
  provinceName: string;
  /** Every figure of the period; its byState and byType are the province's counts by state and type. */
  total: RatedFigures;
  /** One row per ward of the province (or only the wards asked for), in the wards' order, empty wards included. */
  wards: (RatedFigures & { wardName: string })[];
  /** One row per ISO week (Vietnam time) in which tickets were opened, oldest first; figures of that week's tickets. */
  weeks: (TicketFigures & { week: string })[];
}

export interface ProvinceStatsInput {
  provinceCode: string;
  wards: WardRef[];
  tickets: ProvinceStatsTicket[];
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

const rated = (code: string, tickets: ProvinceStatsTicket[], now: Date): RatedFigures => ({
  ...computeTicketFigures(code, tickets, now),
  satisfaction: computeSatisfaction(tickets),
});

/**
 * The statistics page's figures, by ward and by week, from the same computation as the chat's
 * /stats and the CLI's CSV, so the three never disagree (pure: tested without a database). Venues'
 * compliance is the compliance page's (check-in activity), so it is not read here.
 */
export function computeProvinceStats(input: ProvinceStatsInput): ProvinceStats {
  const { wards, tickets, now } = input;
  const byWard = groupBy(tickets, (t) => t.wardCode);
  const byWeek = groupBy(tickets, (t) => isoWeek(vietnamDay(new Date(t.openedAt))));
  return {
    provinceCode: input.provinceCode,
    provinceName: wards[0]?.provinceName ?? input.provinceCode,
    total: rated(input.provinceCode, tickets, now),
    wards: wards.map((w) => ({ ...rated(w.code, byWard.get(w.code) ?? [], now), wardName: fullName(w) })),
    weeks: [...byWeek.keys()].sort().map((week) => ({ ...computeTicketFigures(input.provinceCode, byWeek.get(week)!, now), week })),
  };
}

export interface ProvinceStatsDeps {
  wards: Pick<ReturnType<typeof wardStore>, "inProvince">;
  tickets: Pick<ReturnType<typeof ticketStore>, "figuresBetween">;
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
  const tickets = await deps.tickets.figuresBetween({ provinceCode: scope.provinceCode, ...(scope.wardCode ? { wardCodes: [scope.wardCode] } : {}) }, period.from, period.to);
  return computeProvinceStats({ provinceCode: scope.provinceCode, wards, tickets, now });
}
