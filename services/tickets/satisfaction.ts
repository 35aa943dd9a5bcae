import type { Ticket } from "../../models/ticket.js";

/** Answers counted: how many rated, how many were satisfied, and the share (undefined with no answer). */
export interface Tally {
  rated: number;
  satisfied: number;
  rate?: number;
}

/** Residents' ratings of closings (issue 17): overall, by the outcome rated and by the month of the answer (Vietnam time). */
export interface Satisfaction extends Tally {
  byOutcome: Record<string, Tally>;
  byMonth: Record<string, Tally>;
}

const VIETNAM_OFFSET = 7 * 3600e3;
const monthOf = (at: Date) => new Date(new Date(at).getTime() + VIETNAM_OFFSET).toISOString().slice(0, 7);

function count(into: Record<string, Tally>, key: string, satisfied: boolean): void {
  const t = (into[key] ??= { rated: 0, satisfied: 0 });
  t.rated++;
  if (satisfied) t.satisfied++;
}

const withRate = (t: Tally): Tally => ({ ...t, rate: t.rated ? Math.round((t.satisfied / t.rated) * 1000) / 1000 : undefined });

/** The latest answer of each reporter to each closing counts once (a changed answer replaces the first). */
export function computeSatisfaction(tickets: Pick<Ticket, "ratings">[]): Satisfaction {
  const all: Record<string, Tally> = {};
  const byOutcome: Record<string, Tally> = {};
  const byMonth: Record<string, Tally> = {};
  for (const r of tickets.flatMap((t) => t.ratings ?? [])) {
    count(all, "all", r.satisfied);
    count(byOutcome, r.outcome, r.satisfied);
    count(byMonth, monthOf(r.at), r.satisfied);
  }
  const map = (m: Record<string, Tally>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, withRate(v)]));
  return { ...withRate(all.all ?? { rated: 0, satisfied: 0 }), byOutcome: map(byOutcome), byMonth: map(byMonth) };
}

export const SATISFACTION_COLUMNS = ["ward", "by", "key", "rated", "satisfied", "satisfaction_rate"] as const;

/** One ward's satisfaction as CSV rows: overall, then by outcome, then by month. */
export function satisfactionRows(wardCode: string, s: Satisfaction): (string | number)[][] {
  const row = (by: string, key: string, t: Tally) => [wardCode, by, key, t.rated, t.satisfied, t.rate ?? ""];
  return [
    row("all", "", s),
    ...Object.entries(s.byOutcome).map(([k, t]) => row("outcome", k, t)),
    ...Object.entries(s.byMonth).sort().map(([k, t]) => row("month", k, t)),
  ];
}
