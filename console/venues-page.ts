import { formatDate } from "../services/text/format.js";
import { renderOfficialPoster } from "../services/registry/poster/render-poster.js";
import { posterTexts } from "../services/registry/poster/poster-texts.js";
import { venueSearchKey } from "../services/registry/venue-search.js";
import { venueRef } from "../services/registry/venue-ref.js";
import { canSee } from "../services/access/authorize.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage, Viewer } from "./context.js";
import { html } from "./html.js";
import { stateBadge, wardLabel } from "./ticket-labels.js";
import { venueAccess, venueWards, visibleVenue } from "./venue-access.js";
import type { Venue } from "../models/venue.js";
import { label } from "../services/text/labels.js";

const RESULTS = 100;
const HISTORY = 100;

function status(v: Viewer, s: string) {
  return html`<span class="venue-status-${s}">${label(v.t, "venueStatus", s)}</span>`;
}

function resultsTable(c: ConsoleContext, v: Viewer, venues: Venue[]) {
  const { t } = v;
  if (venues.length === 0) return html`<p class="card">${t("venues-page-none")}</p>`;
  return html`<table id="venues"><thead><tr><th>${t("venues-col-code")}</th><th>${t("venues-col-name")}</th><th>${t("venues-col-address")}</th><th>${t("venues-col-category")}</th><th>${t("venues-col-ward")}</th><th>${t("venues-col-status")}</th></tr></thead>
    <tbody>${venues.map((x) => html`<tr><td><a href="/console/venues/${encodeURIComponent(x.code)}">${x.code}</a></td><td>${x.name}</td><td>${x.address}</td><td>${label(t, "category", x.category)}</td><td>${wardLabel(c.deps.directory, x.wardCode)}</td><td>${status(v, x.status)}</td></tr>`)}</tbody></table>`;
}

/** /console/venues: search the registry of the viewer's province; a venue's record, posters and tickets. */
export const venuesPage: ConsolePage = (app, c) => {
  app.get<{ Querystring: { q?: string } }>("/venues", async (request, reply) => {
    const viewer = c.viewer(request);
    const { t } = viewer;
    const access = venueAccess(viewer);
    const text = typeof request.query.q === "string" ? request.query.q.slice(0, 200) : "";
    const words = venueSearchKey(text).split(" ").filter(Boolean);
    const venues = await c.deps.stores.venues.inWardsMatching(venueWards(c, access), words, RESULTS + 1);
    const body = html`<form class="card filters" method="get" action="/console/venues" role="search">
        <label>${t("venues-page-search")}<input type="search" name="q" value="${text}" size="40" placeholder="${t("venues-page-search-hint")}"></label>
        <button class="primary" type="submit">${t("venues-page-find")}</button>
        ${access.keeps ? html`<a class="button" href="/console/venues/import">${t("venues-page-upload")}</a><a class="button" href="/console/compliance">${t("compliance-page-title")}</a>` : ""}
      </form>
      ${venues.length > RESULTS ? html`<p class="muted">${t("venues-page-more", { count: RESULTS })}</p>` : ""}
      ${resultsTable(c, viewer, venues.slice(0, RESULTS))}`;
    return c.page(reply, viewer, { title: t("venues-page-title"), active: "venues", body, styles: ["views.css"] });
  });

  app.get<{ Params: { code: string } }>("/venues/:code", async (request, reply) => {
    const viewer = c.viewer(request);
    const { t, locale } = viewer;
    const access = venueAccess(viewer);
    const venue = await visibleVenue(c, access, request.params.code);
    const [tickets, scans] = await Promise.all([
      // Only the tickets the viewer may see: the keeper sees inspections, never residents' reports.
      c.deps.stores.tickets.ofVenue(venue.code, HISTORY).then((all) => all.filter((tk) => canSee(viewer.account, tk))),
      access.keeps ? c.deps.stores.activity.ofVenue(venue.code, 14) : Promise.resolve([]),
    ]);
    const posters = access.keeps && c.deps.posters;
    const body = html`<div class="grid">
      <section class="card"><h2>${venue.name}</h2><dl class="facts">
        <dt>${t("venues-col-code")}</dt><dd>${venue.code}</dd>
        <dt>${t("venues-col-address")}</dt><dd>${venue.address}</dd>
        <dt>${t("venues-col-category")}</dt><dd>${label(t, "category", venue.category)}</dd>
        <dt>${t("venues-col-ward")}</dt><dd>${wardLabel(c.deps.directory, venue.wardCode)}</dd>
        <dt>${t("venues-col-place")}</dt><dd>${venue.location.lat.toFixed(5)}, ${venue.location.lng.toFixed(5)}</dd>
        <dt>${t("venues-col-status")}</dt><dd>${status(viewer, venue.status)}</dd>
        <dt>${t("venues-col-payloads")}</dt><dd>${venue.qrPayloads.length}</dd>
      </dl>
      ${posters ? html`<p class="actions"><a class="button" href="/console/venues/${encodeURIComponent(venue.code)}/poster.png" download>${t("venues-page-poster-png")}</a><a class="button" href="/console/venues/${encodeURIComponent(venue.code)}/poster.pdf" download>${t("venues-page-poster-pdf")}</a></p>` : ""}
      ${access.keeps ? html`<h2>${t("venues-page-scans")}</h2>${scans.length ? html`<ul>${scans.map((s) => html`<li>${s.kind === "day" ? s.day : t("venues-page-scan-summary")}: ${s.scans}</li>`)}</ul>` : html`<p class="muted">${t("map-page-never-scanned")}</p>`}` : ""}
      </section>
      <section class="card"><h2>${t("venues-page-tickets", { count: tickets.length })}</h2>
      ${tickets.length === 0 ? html`<p class="muted">${t("venues-page-no-tickets")}</p>` : html`<table id="venue-tickets"><tbody>${tickets.map((tk) => html`<tr>
        <td><a href="/console/tickets/${encodeURIComponent(tk.number)}">${tk.number}</a></td>
        <td>${formatDate(tk.openedAt, locale)}</td><td>${label(t, "type", tk.violationType)}</td><td>${stateBadge(t, tk.state)}</td></tr>`)}</tbody></table>`}
      </section></div>`;
    return c.page(reply, viewer, { title: `${venue.name} (${venue.code})`, active: "venues", body, styles: ["views.css"] });
  });

  app.get<{ Params: { code: string; format: string } }>("/venues/:code/poster.:format", async (request, reply) => {
    const viewer = c.viewer(request);
    const access = venueAccess(viewer);
    const format = request.params.format;
    if (!access.keeps) throw new ConsoleError(403, "console-error-forbidden");
    if ((format !== "png" && format !== "pdf") || !c.deps.posters) throw new ConsoleError(404, "console-error-not-found");
    const venue = await visibleVenue(c, access, request.params.code);
    const ward = c.deps.directory.byCode(venue.wardCode);
    if (!ward) throw new ConsoleError(404, "venues-page-unknown", { code: venue.code });
    const texts = posterTexts({ t: (locale, key) => c.translator(locale === "en" ? "en" : "vi")(key) });
    const { bytes } = await renderOfficialPoster(venueRef(venue), ward, { format, signingKey: c.deps.posters.signingKey, texts, links: c.deps.posters.links, issuedAt: c.deps.clock() });
    return reply
      .header("content-type", format === "png" ? "image/png" : "application/pdf")
      .header("content-disposition", `attachment; filename="poster-${venue.code}.${format}"`)
      .send(bytes);
  });
};
