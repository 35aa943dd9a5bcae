import { addDays, daysBetween, isDay, vietnamDay } from "../../services/text/vietnam-day.js";
import { ConsoleError } from "../console-error.js";

const DEFAULT_DAYS = 30;
/** A year and a bit: enough for any report people ask for, and a bound on the work one request asks. */
const MAX_DAYS = 400;

export interface Period {
  /** First and last Vietnam day included. */
  fromDay: string;
  toDay: string;
  from: Date;
  /** Exclusive: the start of the day after toDay. */
  to: Date;
}

const startOf = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** `from`/`to` of a query (YYYY-MM-DD, Vietnam days, both included); default the 30 days ending today. */
export function parsePeriod(query: { from?: unknown; to?: unknown }, now: Date): Period {
  const given = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const toDay = given(query.to) ?? vietnamDay(now);
  const fromDay = given(query.from) ?? addDays(toDay, 1 - DEFAULT_DAYS);
  if (!isDay(fromDay) || !isDay(toDay) || fromDay > toDay || daysBetween(fromDay, toDay) >= MAX_DAYS) throw new ConsoleError(400, "stats-page-bad-date");
  return { fromDay, toDay, from: startOf(fromDay), to: startOf(addDays(toDay, 1)) };
}
