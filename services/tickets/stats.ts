import type { Ticket, ticketStore } from "../../models/ticket.js";
import { isOverdue } from "./deadlines.js";
import { isOpen, type TicketState } from "../../models/ticket-states.js";
import type { venueStore } from "../../models/venue.js";
import { computeSatisfaction, type Satisfaction } from "./satisfaction.js";

/** What the tickets themselves say: counts, medians, on-time rate, overdue. */
export interface TicketFigures {
  wardCode: string;
  opened: number;
  closed: number;
  byState: Record<string, number>;
  byType: Record<string, number>;
  /** Residents' reports and inspection tickets share the queue; the figures tell them apart. */
  bySource: Record<string, number>;
  /** Hours; undefined when no ticket got there yet. */
  medianHoursToAcknowledge?: number;
  medianHoursToClose?: number;
  /** Share of the period's closed tickets closed by their deadline. */
  onTimeRate?: number;
  overdue: number;
}

/** A ward's figures for the chat's /stats and the CLI: the tickets' and the share of its venues with a confirmed violation. */
export interface WardStats extends TicketFigures {
  /** Venues with a confirmed violation / registered venues. */
  compliance: { violating: number; registered: number; rate?: number };
  /** Residents' ratings of the closings (issue 17). */
  satisfaction: Satisfaction;
}

const HOUR = 3600e3;
const closed = (state: string) => !isOpen(state as TicketState);

export function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1]! + s[m]!) / 2;
}

export const round1 = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 10) / 10);
const firstAt = (t: StatsTicket, to: (s: string) => boolean) => t.history.find((h) => h.to && h.from !== h.to && to(h.to))?.at;

/** The fields of a ticket the figures read (the console's province query fetches only these). */
export type StatsTicket = Pick<Ticket, "state" | "violationType" | "openedAt" | "acknowledgeBy" | "closeBy" | "history" | "source">;

/** Figures of a set of tickets opened in a period (a ward's, a province's, a week's; pure, so it is tested without a database). */
export function computeTicketFigures(wardCode: string, tickets: StatsTicket[], now: Date): TicketFigures {
  const byState: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  const toAck: number[] = [];
  const toClose: number[] = [];
  let onTime = 0;
  let overdue = 0;
  for (const t of tickets) {
    byState[t.state] = (byState[t.state] ?? 0) + 1;
    byType[t.violationType] = (byType[t.violationType] ?? 0) + 1;
    bySource[t.source ?? "resident"] = (bySource[t.source ?? "resident"] ?? 0) + 1;
    const opened = new Date(t.openedAt).getTime();
    const ack = firstAt(t, (s) => s !== "new");
    if (ack) toAck.push((new Date(ack).getTime() - opened) / HOUR);
    const end = firstAt(t, closed);
    if (end) {
      toClose.push((new Date(end).getTime() - opened) / HOUR);
      if (!t.closeBy || new Date(end) <= t.closeBy) onTime++;
    } else if (isOverdue(t, now)) {
      overdue++;
    }
  }
  return {
    wardCode,
    opened: tickets.length,
    closed: toClose.length,
    byState,
    byType,
    bySource,
    medianHoursToAcknowledge: round1(median(toAck)),
    medianHoursToClose: round1(median(toClose)),
    onTimeRate: toClose.length ? round1((onTime / toClose.length) * 100)! / 100 : undefined,
    overdue,
  };
}

export function computeWardStats(wardCode: string, tickets: (StatsTicket & Pick<Ticket, "ratings">)[], now: Date, compliance: { violating: number; registered: number }): WardStats {
  return {
    ...computeTicketFigures(wardCode, tickets, now),
    compliance: { ...compliance, rate: compliance.registered ? compliance.violating / compliance.registered : undefined },
    satisfaction: computeSatisfaction(tickets),
  };
}

export async function wardStats(
  deps: { tickets: ReturnType<typeof ticketStore>; venues: ReturnType<typeof venueStore> },
  wardCode: string,
  period: { from: Date; to: Date },
  now: Date,
): Promise<WardStats> {
  const [tickets, violating, registered] = await Promise.all([
    deps.tickets.ofWardBetween(wardCode, period.from, period.to),
    deps.tickets.confirmedVenueCodes(wardCode),
    deps.venues.countInWard(wardCode),
  ]);
  return computeWardStats(wardCode, tickets, now, { violating: violating.length, registered });
}

export const STATS_COLUMNS = ["ward", "opened", "closed", "new", "acknowledged", "inspecting", "violation_confirmed", "no_violation", "duplicate", "withdrawn", "not_our_ward", "venue_closed", "reopened", "no_poster", "wrong_info", "unscannable", "not_scanned", "source_resident", "source_inspection", "median_h_ack", "median_h_close", "on_time_rate", "overdue", "violating_venues", "registered_venues", "compliance", "rated", "satisfied", "satisfaction_rate"] as const;

/** One row per ward in STATS_COLUMNS order, for CSV and chat tables. */
export function statsRow(s: WardStats): (string | number)[] {
  const n = (k: string) => s.byState[k] ?? s.byType[k] ?? s.bySource[k.replace(/^source_/, "")] ?? 0;
  const opt = (x: number | undefined) => (x === undefined ? "" : x);
  const counted = STATS_COLUMNS.slice(3, STATS_COLUMNS.indexOf("median_h_ack"));
  return [s.wardCode, s.opened, s.closed, ...counted.map(n), opt(s.medianHoursToAcknowledge), opt(s.medianHoursToClose), opt(s.onTimeRate), s.overdue, s.compliance.violating, s.compliance.registered, opt(s.compliance.rate === undefined ? undefined : Math.round(s.compliance.rate * 1000) / 1000), s.satisfaction.rated, s.satisfaction.satisfied, opt(s.satisfaction.rate)];
}
