import type { FastifyRequest } from "fastify";
import { registryScope } from "../services/access/authorize.js";
import { complianceOf, DEFAULT_SILENT_DAYS, type ComplianceFigures } from "../services/registry/compliance.js";
import { complianceCsv } from "../services/registry/compliance-csv.js";
import { compliancePdf } from "../services/registry/compliance-pdf.js";
import { POSTER_FONTS } from "../services/registry/poster/poster-pdf.js";
import { isDay, vietnamDay } from "../services/text/vietnam-day.js";
import { provinceChoice } from "../services/routing/served-provinces.js";
import { formatFigure } from "./charts/chart-data.js";
import { lineChart } from "./charts/svg-chart.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage, Viewer } from "./context.js";
import { html } from "./html.js";
import { label } from "../services/text/labels.js";

type ComplianceQuery = { province?: string; as_of?: string; silent_days?: string };
const SILENT_SHOWN = 200;

/** The report of the asked province and day, for an administrator or that province's keeper (the CLI's own function). */
async function reportOf(c: ConsoleContext, request: FastifyRequest<{ Querystring: ComplianceQuery }>) {
  const viewer = c.viewer(request);
  const scope = registryScope(viewer.account);
  if (typeof scope === "string") throw new ConsoleError(403, "console-error-forbidden");
  const q = request.query;
  const { provinceCode, provinces } = scope.provinceCode ? { provinceCode: scope.provinceCode, provinces: [scope.provinceCode] } : provinceChoice(c.deps.directory, q.province);
  if (!provinceCode) throw new ConsoleError(404, "console-error-not-found");
  const asOf = q.as_of || vietnamDay(c.deps.clock());
  const silentDays = q.silent_days ? Number(q.silent_days) : (c.deps.silentAfterDays ?? DEFAULT_SILENT_DAYS);
  if (!isDay(asOf) || !Number.isInteger(silentDays) || silentDays < 1 || silentDays > 365) throw new ConsoleError(400, "compliance-page-bad-input");
  const result = await complianceOf(c.deps.stores, viewer.account, provinceCode, { asOf, silentDays });
  if (!result.ok) throw new ConsoleError(result.reason === "unknown_province" ? 404 : 403, result.reason === "unknown_province" ? "console-error-not-found" : "console-error-forbidden");
  const query = new URLSearchParams({ province: provinceCode, as_of: asOf, silent_days: String(silentDays) }).toString();
  return { viewer, provinces, report: result.report, query };
}

const pct = (v: Viewer, rate: number | undefined) => formatFigure(rate === undefined ? undefined : rate * 100, v.locale, "%");

function figuresRow(v: Viewer, name: string, f: ComplianceFigures) {
  return html`<tr><td>${name}</td><td class="num">${f.active}</td><td class="num">${f.scanned7d}</td><td class="num">${pct(v, f.rate)}</td><td class="num">${f.neverScanned}</td><td class="num">${f.silent}</td></tr>`;
}

function figuresTable(v: Viewer, id: string, first: string, rows: ReturnType<typeof figuresRow>[], silentDays: number) {
  const { t } = v;
  return html`<table id="${id}"><thead><tr><th>${first}</th><th class="num">${t("compliance-col-active")}</th><th class="num">${t("compliance-col-scanned")}</th><th class="num">${t("compliance-col-rate")}</th><th class="num">${t("compliance-col-never")}</th><th class="num">${t("compliance-col-silent", { days: silentDays })}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** /console/compliance: issue 18's figures by ward and category with the weekly trend, the silent venues, and the CLI's CSV and PDF. */
export const compliancePage: ConsolePage = (app, c) => {
  app.get<{ Querystring: ComplianceQuery }>("/compliance", async (request, reply) => {
    const { viewer, provinces, report: r, query } = await reportOf(c, request);
    const { t } = viewer;
    const trend = lineChart(
      { id: "trend", title: t("compliance-chart"), categories: r.trend.map((w) => w.weekEnding.slice(5)), unit: "%", series: [{ name: t("compliance-col-rate"), values: r.trend.map((w) => (w.rate === undefined ? undefined : Math.round(w.rate * 1000) / 10)) }] },
      viewer.locale,
    );
    const body = html`<form class="card filters" method="get" action="/console/compliance">
        ${provinces.length > 1 ? html`<label>${t("stats-page-province")}<select name="province">${provinces.map((p) => html`<option value="${p}"${p === r.provinceCode ? html` selected` : ""}>${c.deps.directory.provinceName(p)}</option>`)}</select></label>` : ""}
        <label>${t("compliance-page-as-of")}<input type="date" name="as_of" value="${r.asOf}"></label>
        <label>${t("compliance-page-silent-days")}<input type="number" name="silent_days" min="1" max="365" value="${r.silentDays}"></label>
        <button class="primary" type="submit">${t("stats-page-show")}</button>
        <a class="button" href="/console/compliance.csv?${query}" download>${t("compliance-page-csv")}</a>
        <a class="button" href="/console/compliance.pdf?${query}" download>${t("compliance-page-pdf")}</a>
        <a class="button" href="/console/map">${t("compliance-page-map")}</a>
      </form>
      <p class="card" id="compliance-summary">${t("compliance-subtitle", { province: r.provinceName, date: r.asOf })}<br>${t("compliance-summary", { active: r.total.active, scanned: r.total.scanned7d, rate: pct(viewer, r.total.rate), never: r.total.neverScanned, days: r.silentDays, silent: r.total.silent })}</p>
      <section class="card chart-card"><h2>${t("compliance-chart")}</h2>${trend}</section>
      <section class="card"><h2>${t("compliance-col-ward")}</h2>${figuresTable(viewer, "compliance-wards", t("compliance-col-ward"), r.wards.map((w) => figuresRow(viewer, w.wardName, w)), r.silentDays)}</section>
      <section class="card"><h2>${t("compliance-page-categories")}</h2>${figuresTable(viewer, "compliance-categories", t("venues-col-category"), r.categories.map((x) => figuresRow(viewer, label(t, "category", x.category), x)), r.silentDays)}</section>
      <section class="card"><h2>${t("compliance-page-silent", { count: r.silentVenues.length, days: r.silentDays })}</h2>
        <table id="compliance-silent"><tbody>${r.silentVenues.slice(0, SILENT_SHOWN).map((s) => html`<tr><td><a href="/console/venues/${encodeURIComponent(s.code)}">${s.code}</a></td><td>${s.name}</td><td>${s.address}</td><td>${s.lastScanDay ?? t("map-page-never-scanned")}</td></tr>`)}</tbody></table>
        ${r.silentVenues.length > SILENT_SHOWN ? html`<p class="muted">${t("compliance-page-silent-more", { count: r.silentVenues.length - SILENT_SHOWN })}</p>` : ""}
      </section>`;
    return c.page(reply, viewer, { title: t("compliance-page-title"), active: "venues", body, styles: ["views.css"] });
  });

  app.get<{ Querystring: ComplianceQuery }>("/compliance.csv", async (request, reply) => {
    const { report } = await reportOf(c, request);
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="compliance-${report.provinceCode}-${report.asOf}.csv"`).send(complianceCsv(report));
  });

  app.get<{ Querystring: ComplianceQuery }>("/compliance.pdf", async (request, reply) => {
    const { report } = await reportOf(c, request);
    // The PDF is the Vietnamese document the CLI prints, whatever the viewer's language.
    const pdf = await compliancePdf(report, POSTER_FONTS, c.translator("vi"));
    return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="compliance-${report.provinceCode}-${report.asOf}.pdf"`).send(pdf);
  });
};
