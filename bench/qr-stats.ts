import type { Verdict } from "./qr-dataset.js";

export interface Row {
  images: number;
  correct: number;
  wrong: number;
  falseReads: number;
  medianMs: number;
  p95Ms: number;
}

export interface Observation {
  verdict: Verdict;
  ms: number;
}

export function summarize(observations: Observation[]): Row {
  const ms = observations.map((o) => o.ms).sort((a, b) => a - b);
  const count = (verdict: Verdict) => observations.filter((o) => o.verdict === verdict).length;
  return {
    images: observations.length,
    correct: count("correct"),
    wrong: count("wrong"),
    falseReads: count("falseRead"),
    medianMs: round(percentile(ms, 0.5)),
    p95Ms: round(percentile(ms, 0.95)),
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatRow(label: string, row: Row): string {
  const cells = [row.images, row.correct, row.wrong, row.falseReads, row.medianMs.toFixed(1), row.p95Ms.toFixed(1)];
  return `${label.padEnd(34)}${cells.map((c) => String(c).padStart(8)).join("")}`;
}

export const HEADER = `${"folder / decoder".padEnd(34)}${["images", "correct", "wrong", "false", "med ms", "p95 ms"].map((c) => c.padStart(8)).join("")}`;
