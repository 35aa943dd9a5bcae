import { html, type Html } from "../html.js";
import { formatFigure, type ChartData } from "./chart-data.js";

/** Colour-blind-safe colours (Okabe–Ito), one per series. */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];
const colour = (k: number) => COLOURS[k % COLOURS.length]!;

function text(x: number, y: number, content: string, anchor: "start" | "middle" | "end" = "start"): Html {
  return html`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-family="system-ui, sans-serif" font-size="12">${content}</text>`;
}

function legend(chart: ChartData, y: number): Html {
  if (chart.series.length < 2) return html``;
  return html`${chart.series.map((s, i) => html`<rect x="${10 + i * 170}" y="${y}" width="12" height="12" fill="${colour(i)}"/>${text(28 + i * 170, y + 10, s.name)}`)}`;
}

/** An accessible SVG: role img, named by its title, described by its series; every mark has its own title (tooltip). */
function frame(chart: ChartData, width: number, height: number, body: Html): Html {
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc"><title id="${chart.id}-title">${chart.title}</title><desc id="${chart.id}-desc">${chart.series.map((s) => s.name).join(", ")}</desc>${body}</svg>`;
}

/** Horizontal bars, one group per category (wards' names are long, so they read left of the bars). */
export function barChart(chart: ChartData, locale: string): Html {
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
      const figure = formatFigure(v, locale, chart.unit);
      return html`<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${bar - 2}" fill="${colour(k)}"><title>${category} · ${s.name}: ${figure}</title></rect>${text(labelWidth + w + 4, by + bar - 4, figure)}`;
    });
    return html`${text(labelWidth - 6, y + group / 2, category, "end")}${bars}`;
  });
  return frame(chart, labelWidth + plotWidth + 60, height, html`${legend(chart, 6)}${rows}`);
}

/** Lines over categories in order (weeks); a missing value breaks the line. */
export function lineChart(chart: ChartData, locale: string): Html {
  const [left, top, width, height] = [50, 30, 540, 180];
  const n = chart.categories.length;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const x = (i: number) => left + (n === 1 ? width / 2 : (i * width) / (n - 1));
  const y = (v: number) => top + height - (v / max) * height;
  // At most eight labels under the axis, so "2026-W27"-long names never overlap; every point keeps its tooltip.
  const step = Math.ceil(n / 8);
  const axis = html`<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="#888"/>${text(left - 6, top + 4, formatFigure(max, locale, chart.unit), "end")}${text(left - 6, top + height, "0", "end")}${chart.categories.map((c, i) => (i % step === 0 ? text(x(i), top + height + 16, c, "middle") : ""))}`;
  const lines = chart.series.map((s, k) => {
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
    const dots = s.values.map((v, i) =>
      v === undefined ? "" : html`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour(k)}"><title>${chart.categories[i]} · ${s.name}: ${formatFigure(v, locale, chart.unit)}</title></circle>`,
    );
    return html`${segments.map((d) => html`<path d="${d}" fill="none" stroke="${colour(k)}" stroke-width="2"/>`)}${dots}`;
  });
  return frame(chart, left + width + 30, top + height + 30, html`${legend(chart, 4)}${axis}${lines}`);
}
