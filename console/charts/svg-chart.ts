import { formatFigure, type ChartData } from "./chart-data.js";
import { escapeHtml } from "../html.js";

/** Colour-blind-safe colours (Okabe–Ito), one per series. */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];
const FONT = `font-family="system-ui, sans-serif" font-size="12"`;

function legend(chart: ChartData, y: number): string {
  if (chart.series.length < 2) return "";
  return chart.series
    .map((s, i) => `<rect x="${10 + i * 170}" y="${y}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/><text x="${28 + i * 170}" y="${y + 10}" ${FONT}>${escapeHtml(s.name)}</text>`)
    .join("");
}

function frame(chart: ChartData, width: number, height: number, body: string): string {
  const id = escapeHtml(chart.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeHtml(chart.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(chart.series.map((s) => s.name).join(", "))}</desc>${body}</svg>`
  );
}

/** Horizontal bars, one group per category (wards' names are long, so they read left of the bars). */
export function barChart(chart: ChartData, locale: string): string {
  const labelWidth = 190;
  const plotWidth = 420;
  const bar = 14;
  const group = bar * chart.series.length + 8;
  const top = chart.series.length > 1 ? 28 : 8;
  const height = top + group * chart.categories.length + 8;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const rows = chart.categories.map((category, i) => {
    const y = top + i * group;
    const bars = chart.series.map((s, k) => {
      const v = s.values[i];
      const w = v === undefined ? 0 : Math.max(v > 0 ? 1 : 0, (v / max) * plotWidth);
      const by = y + k * bar;
      const text = formatFigure(v, locale, chart.unit);
      return `<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${bar - 2}" fill="${COLOURS[k % COLOURS.length]}"><title>${escapeHtml(`${category} · ${s.name}: ${text}`)}</title></rect><text x="${labelWidth + w + 4}" y="${by + bar - 4}" ${FONT}>${escapeHtml(text)}</text>`;
    });
    return `<text x="${labelWidth - 6}" y="${y + group / 2}" text-anchor="end" ${FONT}>${escapeHtml(category)}</text>${bars.join("")}`;
  });
  return frame(chart, labelWidth + plotWidth + 60, height, legend(chart, 6) + rows.join(""));
}

/** Lines over categories in order (weeks); a missing value breaks the line. */
export function lineChart(chart: ChartData, locale: string): string {
  const [left, top, width, height] = [50, 30, 560, 180];
  const n = chart.categories.length;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const x = (i: number) => left + (n === 1 ? width / 2 : (i * width) / (n - 1));
  const y = (v: number) => top + height - (v / max) * height;
  const axis =
    `<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="#888"/>` +
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" ${FONT}>${escapeHtml(formatFigure(max, locale, chart.unit))}</text>` +
    `<text x="${left - 6}" y="${top + height}" text-anchor="end" ${FONT}>0</text>` +
    chart.categories.map((c, i) => `<text x="${x(i)}" y="${top + height + 16}" text-anchor="middle" ${FONT}>${escapeHtml(c)}</text>`).join("");
  const lines = chart.series.map((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const segments: string[] = [];
    let path = "";
    s.values.forEach((v, i) => {
      if (v === undefined) {
        if (path) segments.push(path);
        path = "";
        return;
      }
      path += `${path ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    if (path) segments.push(path);
    const dots = s.values
      .map((v, i) => (v === undefined ? "" : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"><title>${escapeHtml(`${chart.categories[i]} · ${s.name}: ${formatFigure(v, locale, chart.unit)}`)}</title></circle>`))
      .join("");
    return segments.map((d) => `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`).join("") + dots;
  });
  return frame(chart, left + width + 30, top + height + 30, legend(chart, 4) + axis + lines.join(""));
}
