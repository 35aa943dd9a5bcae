import { csvText } from "../../platform/csv.js";

/**
 * The numbers behind one chart: what the SVG draws, the table beside it shows and the CSV
 * download holds are all read from this, so the three cannot disagree.
 */
export interface ChartData {
  /** Names the chart in URLs (`?chart=<id>&format=csv`) and in element ids. */
  id: string;
  title: string;
  /** One label per category (a ward, a type, a week), already in the viewer's language. */
  categories: string[];
  /** Undefined values are "no figure yet" (e.g. a median without any closed ticket): drawn as a gap, written empty. */
  series: { name: string; values: (number | undefined)[] }[];
  /** Written after each value (e.g. "%", " h"). */
  unit?: string;
}

/** The chart's numbers as CSV: a header naming each series, then one row per category. */
export function chartCsv(chart: ChartData, categoryHeader: string): string {
  const rows = chart.categories.map((c, i) => [c, ...chart.series.map((s) => s.values[i] ?? "")]);
  return csvText(rows, { header: true, columns: [categoryHeader, ...chart.series.map((s) => s.name)], bom: true });
}

/** A figure as people read it: at most one decimal, comma decimal separator in Vietnamese. */
export function formatFigure(value: number | undefined, locale: string, unit = ""): string {
  if (value === undefined) return "—";
  return `${new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 }).format(value)}${unit}`;
}
