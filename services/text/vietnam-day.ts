/** Days as people in Vietnam name them (UTC+7 all year, no daylight saving), written YYYY-MM-DD. */
const OFFSET_MS = 7 * 3600e3;
const DAY_MS = 24 * 3600e3;

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The Vietnamese calendar day of an instant. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(text: string): boolean {
  const at = new Date(`${text}T00:00:00Z`);
  return DAY_PATTERN.test(text) && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
}

export function addDays(day: string, n: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY_MS);
}

/** 2026-11-22 → 22/11/2026, as dates are written in Vietnam. */
export const dayVi = (day: string) => day.split("-").reverse().join("/");

/** The ISO 8601 week of a day, written 2026-W48 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  const weekday = (at.getUTCDay() + 6) % 7;
  const thursday = new Date(at.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, "0")}`;
}
