import { isDay, vietnamDay } from "../services/text/vietnam-day.js";
import { CliUserError } from "./command.js";

/** `--as-of <YYYY-MM-DD>`, by default today in Vietnam by the clock. */
export function asOfDay(value: string | undefined, clock: () => Date): string {
  const asOf = value ?? vietnamDay(clock());
  if (!isDay(asOf)) throw new CliUserError(`--as-of expects a date like 2026-11-23`);
  return asOf;
}
