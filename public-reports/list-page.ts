import { label } from "../services/text/labels.js";
import { html, type Html } from "../console/html.js";
import { STATE_COLOURS } from "../console/map/map-data.js";
import { TICKET_TYPES } from "../models/ticket.js";
import type { PublicTicket } from "../services/publication/publication-rule.js";
import type { WardRef } from "../services/routing/ward-ref.js";
import { fullName } from "../services/routing/ward-ref.js";
import type { ProvinceStats } from "../services/tickets/province-stats.js";
import { TICKET_STATES } from "../models/ticket-states.js";
import { vietnamDay } from "../services/text/vietnam-day.js";
import type { Reader } from "./layout.js";
import { PERIODS, type Period } from "./published.js";

const PAGE_SIZE = 30;
/** Withdrawn tickets are never public, so they are no filter either. */
export const PUBLIC_STATES = TICKET_STATES.filter((s) => s !== "withdrawn");

export interface Filter {
  /** Set when the page was asked for a province other than the deployment's first (served-provinces.ts). */
  province?: string;
  ward?: string;
  type?: string;
  state?: string;
  period: Period;
  page: number;
}

const one = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Only known values pass; anything else is as if not asked (never an error). The province is checked by the caller. */
export function filterOf(query: Record<string, unknown>, wards: WardRef[], province?: string): Filter {
  const ward = one(query.ward);
  const type = one(query.type);
  const state = one(query.state);
  const period = one(query.period);
  const page = Number(one(query.page));
  return {
    province,
    ward: wards.some((w) => w.code === ward) ? ward : undefined,
    type: (TICKET_TYPES as readonly string[]).includes(type ?? "") ? type : undefined,
    state: (PUBLIC_STATES as readonly string[]).includes(state ?? "") ? state : undefined,
    period: period && Object.hasOwn(PERIODS, period) ? (period as Period) : "90",
    page: Number.isInteger(page) && page > 1 && page < 10_000 ? page : 1,
  };
}

export function filterQuery(f: Filter, page?: number): Record<string, string | undefined> {
  return { province: f.province, ward: f.ward, type: f.type, state: f.state, period: f.period === "90" ? undefined : f.period, page: page && page > 1 ? String(page) : undefined };
}

export function matching(views: PublicTicket[], f: Filter, now: Date): PublicTicket[] {
  const from = now.getTime() - PERIODS[f.period] * 86_400_000;
  return views.filter((p) => p.openedAt.getTime() >= from && (!f.ward || p.wardCode === f.ward) && (!f.type || p.type === f.type) && (!f.state || p.state === f.state));
}

const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${value === selected ? html` selected` : ""}>${label}</option>`;

/** The filters as a plain GET form: it works without a script. A province choice only where the deployment serves several. */
export function filterForm(r: Reader, f: Filter, wards: WardRef[], provinces: { code: string; name: string }[], province: string): Html {
  const { t } = r;
  return html`<form class="filters" method="get" action="${r.href("")}">
    ${r.href("").includes("lang=") ? html`<input type="hidden" name="lang" value="${r.locale}">` : ""}
    ${provinces.length > 1 ? html`<label>${t("public-filter-province")}<select name="province">${provinces.map((p) => option(p.code, p.name, province))}</select></label>` : ""}
    <label>${t("public-filter-ward")}<select name="ward">${option("", t("public-filter-all"), f.ward)}${wards.map((w) => option(w.code, fullName(w), f.ward))}</select></label>
    <label>${t("public-filter-type")}<select name="type">${option("", t("public-filter-all"), f.type)}${TICKET_TYPES.map((v) => option(v, label(t, "type", v), f.type))}</select></label>
    <label>${t("public-filter-state")}<select name="state">${option("", t("public-filter-all"), f.state)}${PUBLIC_STATES.map((s) => option(s, label(t, "state", s), f.state))}</select></label>
    <label>${t("public-filter-period")}<select name="period">${Object.keys(PERIODS).map((d) => option(d, t("public-period-days", { days: Number(d) }), f.period))}</select></label>
    <button type="submit">${t("public-filter-show")}</button></form>`;
}

export const stateBadge = (r: Reader, state: string) => html`<span class="state" style="--c:${STATE_COLOURS[state as keyof typeof STATE_COLOURS]}">${label(r.t, "state", state)}</span>`;

/** One page of the list, newest first, with links to each report's page and to the other pages. */
export function reportList(r: Reader, found: PublicTicket[], f: Filter, wardName: (code: string) => string): Html {
  const { t } = r;
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const shown = found.slice((f.page - 1) * PAGE_SIZE, f.page * PAGE_SIZE);
  const nav = pages > 1
    ? html`<nav class="pages">${f.page > 1 ? html`<a href="${r.href("", filterQuery(f, f.page - 1))}">${t("public-page-newer")}</a>` : ""}
        <span>${t("public-page-of", { page: f.page, pages })}</span>
        ${f.page < pages ? html`<a href="${r.href("", filterQuery(f, f.page + 1))}">${t("public-page-older")}</a>` : ""}</nav>`
    : "";
  return html`<p class="count" id="count">${t("public-count", { count: found.length })}</p>
    <ol class="reports">${shown.map((p) => html`<li><a href="${r.href(`/${encodeURIComponent(p.number)}`)}"><strong>${p.number}</strong> ${stateBadge(r, p.state)}</a>
      <span>${label(t, "type", p.type)}${p.venueName ? html` · ${p.venueName}` : ""}</span>
      <span class="muted">${wardName(p.wardCode)} · ${vietnamDay(p.openedAt)}</span></li>`)}</ol>${nav}`;
}

const hours = (t: Reader["t"], h: number | undefined) => (h === undefined ? "—" : t("public-hours", { hours: h }));
const percent = (x: number | undefined) => (x === undefined ? "—" : `${Math.round(x * 100)}%`);

/** Each ward's figures for the period (wards with reports only), from the statistics code. */
export function figuresTable(r: Reader, stats: ProvinceStats): Html {
  const { t } = r;
  const rows = stats.wards.filter((w) => w.opened > 0);
  if (rows.length === 0) return html`<p class="muted">${t("public-figures-none")}</p>`;
  return html`<div class="scroll"><table class="figures"><thead><tr><th>${t("public-filter-ward")}</th><th>${t("public-fig-opened")}</th><th>${t("public-fig-closed")}</th>
    <th>${t("public-fig-ack")}</th><th>${t("public-fig-close")}</th><th>${t("public-fig-on-time")}</th><th>${t("public-fig-satisfied")}</th></tr></thead>
    <tbody>${rows.map((w) => html`<tr><th scope="row">${w.wardName}</th><td>${w.opened}</td><td>${w.closed}</td><td>${hours(t, w.medianHoursToAcknowledge)}</td>
      <td>${hours(t, w.medianHoursToClose)}</td><td>${percent(w.onTimeRate)}</td><td>${w.satisfaction.rated ? html`${percent(w.satisfaction.rate)} <span class="muted">(${w.satisfaction.rated})</span>` : "—"}</td></tr>`)}</tbody></table></div>`;
}
