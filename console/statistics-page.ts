import type { FastifyRequest } from "fastify";
import { provinceStats } from "../services/tickets/province-stats.js";
import { chartCsv, formatFigure } from "./charts/chart-data.js";
import { barChart, lineChart } from "./charts/svg-chart.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage, Viewer } from "./context.js";
import { html } from "./html.js";
import { parsePeriod } from "./stats/period.js";
import { statsCharts, type StatsChart } from "./stats/stats-charts.js";
import { ticketArea } from "./ticket-area.js";

type StatsQuery = { from?: string; to?: string; province?: string };

/** The figures and charts of the viewer's area for the asked period (one computation for the page and its CSVs). */
async function figures(c: ConsoleContext, request: FastifyRequest<{ Querystring: StatsQuery }>) {
  const viewer = c.viewer(request);
  const area = ticketArea(c, viewer.account, request.query.province);
  const period = parsePeriod(request.query, c.deps.clock());
  const stats = await provinceStats(c.deps.stores, area, period, c.deps.clock());
  return { viewer, area, period, stats, charts: statsCharts(stats, viewer.t) };
}

function chartSection(chart: StatsChart, viewer: Viewer, csvHref: string) {
  const d = chart.data;
  const svg = chart.kind === "bar" ? barChart(d, viewer.locale) : lineChart(d, viewer.locale);
  return html`<section class="card chart-card" id="chart-${d.id}">
    <h2>${d.title}</h2>
    ${d.categories.length ? svg : html`<p class="muted">${viewer.t("stats-page-empty")}</p>`}
    <details><summary>${viewer.t("stats-page-table")}</summary>
      <table><thead><tr><th>${chart.categoryHeader}</th>${d.series.map((s) => html`<th class="num">${s.name}</th>`)}</tr></thead>
      <tbody>${d.categories.map((cat, i) => html`<tr><td>${cat}</td>${d.series.map((s) => html`<td class="num">${formatFigure(s.values[i], viewer.locale, d.unit)}</td>`)}</tr>`)}</tbody></table>
    </details>
    <p><a class="button" href="${csvHref}" download>${viewer.t("stats-page-csv")}</a></p>
  </section>`;
}

/** /console/statistics: by ward, state, type and week, medians and on-time rates, each chart with its CSV. */
export const statisticsPage: ConsolePage = (app, c) => {
  app.get<{ Querystring: StatsQuery }>("/statistics", async (request, reply) => {
    const { viewer, area, period, stats, charts } = await figures(c, request);
    const t = viewer.t;
    const query = new URLSearchParams({ from: period.fromDay, to: period.toDay, ...(area.provinces.length > 1 ? { province: area.provinceCode } : {}) });
    const total = stats.total;
    const pct = total.onTimeRate === undefined ? undefined : total.onTimeRate * 100;
    const provinceField =
      area.provinces.length > 1
        ? html`<label>${t("stats-page-province")}<select name="province">${area.provinces.map((p) => html`<option value="${p}"${p === area.provinceCode ? html` selected` : ""}>${c.deps.directory.provinceName(p)}</option>`)}</select></label>`
        : "";
    const body = html`<form class="filters card" method="get" action="/console/statistics">
        ${provinceField}
        <label>${t("stats-page-from")}<input type="date" name="from" value="${period.fromDay}" required></label>
        <label>${t("stats-page-to")}<input type="date" name="to" value="${period.toDay}" required></label>
        <button class="primary" type="submit">${t("stats-page-show")}</button>
      </form>
      <p class="card" id="stats-summary"><strong>${area.wardCode ? stats.wards[0]?.wardName : stats.provinceName}</strong> · ${t("stats-page-period", { from: period.fromDay, to: period.toDay })}<br>
      ${t("stats-page-summary", {
        opened: total.opened,
        closed: total.closed,
        overdue: total.overdue,
        ack: formatFigure(total.medianHoursToAcknowledge, viewer.locale, t("stats-unit-hours")),
        close: formatFigure(total.medianHoursToClose, viewer.locale, t("stats-unit-hours")),
        ontime: formatFigure(pct, viewer.locale, "%"),
      })}</p>
      <div class="charts">${charts.map((chart) => chartSection(chart, viewer, `/console/statistics/${chart.data.id}.csv?${query}`))}</div>`;
    return c.page(reply, viewer, { title: t("stats-page-title"), active: "statistics", body, styles: ["views.css"] });
  });

  app.get<{ Params: { chart: string }; Querystring: StatsQuery }>("/statistics/:chart.csv", async (request, reply) => {
    const { charts } = await figures(c, request);
    const chart = charts.find((x) => x.data.id === request.params.chart);
    if (!chart) throw new ConsoleError(404, "console-error-not-found");
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="statistics-${chart.data.id}.csv"`)
      .send(chartCsv(chart.data, chart.categoryHeader));
  });
};
