import type { FastifyRequest } from "fastify";
import { registryScope } from "../services/access/authorize.js";
import { complianceOf, DEFAULT_SILENT_DAYS } from "../services/registry/compliance.js";
import { createProvinceBoundaries } from "../services/routing/province-boundaries.js";
import { addDays, vietnamDay } from "../services/text/vietnam-day.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage } from "./context.js";
import { html } from "./html.js";
import { encodeMapTickets, encodeSilentVenues, STATE_COLOURS } from "./map/map-data.js";
import { filterForm } from "./queue-page.js";
import { filterQueryString, ticketQueryOf } from "./ticket-filter.js";
import { wardLabel } from "./ticket-labels.js";
import { seesArea, ticketArea } from "./ticket-area.js";
import { TICKET_STATES } from "../models/ticket-states.js";
import { label } from "../services/text/labels.js";

/** The most markers one map draws (the newest); a province's month is far below it. */
const MAP_LIMIT = 20_000;

type MapQuery = { province?: string };

/** Without dates the map shows the last 90 days: what a supervisor looks at, and no reading of every ticket ever opened. */
export const MAP_DEFAULT_DAYS = 90;
function withDefaultPeriod(request: FastifyRequest, now: Date): void {
  const q = (request.query ?? {}) as Record<string, unknown>;
  if (!q.from && !q.to) request.query = { ...q, from: addDays(vietnamDay(now), -(MAP_DEFAULT_DAYS - 1)) };
}

/**
 * What the map shows this viewer: tickets for staff who handle or read them (their ward or
 * province), the silent venues layer for those who keep the registry (administrators, the
 * province's keeper), the province's boundaries for both. Anyone else is refused.
 */
function mapArea(c: ConsoleContext, request: FastifyRequest<{ Querystring: MapQuery }>) {
  const account = c.viewer(request).account;
  const tickets = seesArea(account);
  const silent = typeof registryScope(account) !== "string";
  if (tickets) return { ...ticketArea(c, account, request.query.province), tickets, silent };
  if (silent && account.provinceCode) return { provinceCode: account.provinceCode, provinces: [account.provinceCode], tickets, silent };
  throw new ConsoleError(403, "console-error-forbidden");
}

/** A place to open the map on (the ticket page's "see on the map"): two numbers within Vietnam's range, else none. */
function focusOf(q: Record<string, unknown>): string {
  const lat = Number(q.lat);
  const lng = Number(q.lng);
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && q.lat !== "" && q.lng !== "" ? `${lat},${lng}` : "";
}

export const mapPage: ConsolePage = (app, c) => {
  const boundaries = createProvinceBoundaries(c.deps.stores.wards);

  app.get<{ Querystring: MapQuery }>("/map", async (request, reply) => {
    const viewer = c.viewer(request);
    const { t } = viewer;
    const area = mapArea(c, request);
    withDefaultPeriod(request, c.deps.clock());
    const province = new URLSearchParams({ province: area.provinceCode }).toString();
    const tickets = area.tickets ? ticketQueryOf(c, request) : undefined;
    const query = tickets ? filterQueryString(tickets.query) : "";
    const provinceField =
      area.provinces.length > 1
        ? html`<form class="toolbar" method="get" action="/console/map"><label>${t("stats-page-province")}<select name="province">${area.provinces.map((p) => html`<option value="${p}"${p === area.provinceCode ? html` selected` : ""}>${c.deps.directory.provinceName(p)}</option>`)}</select></label><button type="submit">${t("stats-page-show")}</button></form>`
        : "";
    const body = html`
      ${tickets ? tickets.query.notices.map((n) => html`<p class="card notice">${t(n.key, n.vars)}</p>`) : ""}
      ${provinceField}
      ${tickets ? filterForm(t, tickets.query, tickets.wards, "/console/map") : ""}
      <div class="map-layout">
        <div id="map" class="map" role="region" aria-label="${t("map-page-region", { province: c.deps.directory.provinceName(area.provinceCode) })}"
          data-wards="/console/map/wards.json?${province}"
          data-tickets="${tickets ? `/console/map/tickets.json?${query}` : ""}"
          data-silent="${area.silent ? `/console/map/silent.json?${province}` : ""}"
          data-silent-label="${t("map-page-silent-layer", { days: c.deps.silentAfterDays ?? DEFAULT_SILENT_DAYS })}"
          data-never-label="${t("map-page-never-scanned")}"
          data-last-label="${t("map-page-last-scan")}"
          data-tickets-label="${t("map-page-tickets-layer")}"
          data-tiles="${c.deps.mapTileUrl ?? ""}"
          data-focus="${focusOf(request.query as Record<string, unknown>)}"></div>
        <aside class="map-list card" aria-live="polite">
          ${tickets
            ? html`<p class="muted" id="map-count" data-template="${t("map-page-count", { shown: "{shown}", total: "{total}" })}" data-capped="${t("map-page-capped", { limit: MAP_LIMIT })}">${t("map-page-loading")}</p>
              <ol id="map-list" class="map-tickets" data-overdue="${t("console-overdue")}"></ol>
              <p><a href="/console/queue?${query}">${t("map-page-open-queue")}</a></p>`
            : html`<p>${t("map-page-keeper-lead")}</p>`}
        </aside>
      </div>
      ${tickets ? html`<ul class="map-legend">${TICKET_STATES.map((s) => html`<li><span class="dot" style="background:${STATE_COLOURS[s]}"></span>${label(t, "state", s)}</li>`)}<li><span class="dot overdue-dot"></span>${t("console-overdue")}</li></ul>` : ""}
      <noscript><p class="card notice">${t("map-page-noscript")}</p></noscript>`;
    return c.page(reply, viewer, {
      title: t("map-page-title"),
      active: "map",
      body,
      styles: ["leaflet.css", "MarkerCluster.css", "views.css"],
      scripts: ["leaflet.js", "leaflet.markercluster.js", "map.js"],
    });
  });

  app.get("/map/tickets.json", async (request, reply) => {
    withDefaultPeriod(request, c.deps.clock());
    const { viewer, query } = ticketQueryOf(c, request);
    if (!seesArea(viewer.account)) throw new ConsoleError(403, "console-error-forbidden");
    const now = c.deps.clock();
    const found = await c.deps.stores.tickets.mapPoints(query.where(now), MAP_LIMIT + 1);
    const data = encodeMapTickets(found, MAP_LIMIT, now, viewer.t, (code) => wardLabel(c.deps.directory, code));
    return reply.header("cache-control", "no-store").send(data);
  });

  app.get<{ Querystring: MapQuery }>("/map/wards.json", async (request, reply) => {
    const area = mapArea(c, request);
    const features = await boundaries(area.provinceCode);
    // An officer's own ward stands out; the others give the bearings.
    const own = "wardCode" in area ? area.wardCode : undefined;
    return reply.header("cache-control", "private, max-age=300").send({ ...features, own: own ?? null });
  });

  app.get<{ Querystring: MapQuery }>("/map/silent.json", async (request, reply) => {
    const area = mapArea(c, request);
    if (!area.silent) throw new ConsoleError(403, "console-error-forbidden");
    const asOf = vietnamDay(c.deps.clock());
    const result = await complianceOf(c.deps.stores, c.viewer(request).account, area.provinceCode, { asOf, silentDays: c.deps.silentAfterDays ?? DEFAULT_SILENT_DAYS });
    if (!result.ok) throw new ConsoleError(result.reason === "unknown_province" ? 404 : 403, result.reason === "unknown_province" ? "console-error-not-found" : "console-error-forbidden");
    return reply.header("cache-control", "no-store").send({ asOf, venues: encodeSilentVenues(result.report.silentVenues) });
  });
};
