import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { assetRoutes } from "../console/assets.js";
import { label } from "../services/text/labels.js";
import { html } from "../console/html.js";
import { STATE_COLOURS } from "../console/map/map-data.js";
import type { Stores } from "../models/index.js";
import { createTexts, type Locale } from "../open311/texts.js";
import type { Logger } from "../platform/logger.js";
import { PUBLIC_ID } from "../services/publication/photo-marks.js";
import { createPublicPhotos } from "../services/publication/public-tickets.js";
import type { ReportLinks } from "../services/registry/report-link.js";
import { createProvinceBoundaries } from "../services/routing/province-boundaries.js";
import { provinceChoice } from "../services/routing/served-provinces.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import { fullName } from "../services/routing/ward-ref.js";
import { page, readerOf } from "./layout.js";
import { figuresTable, filterForm, filterOf, filterQuery, matching, reportList } from "./list-page.js";
import { createPublished } from "./published.js";
import { reportBody } from "./report-page.js";

export { PREFIX as REPORTS_PREFIX } from "./layout.js";

export interface ReportsDeps {
  stores: Pick<Stores, "tickets" | "venues" | "evidence" | "wards">;
  directory: Pick<WardDirectory, "byCode" | "inProvince" | "provinceName" | "servedProvinces">;
  clock: () => Date;
  logger: Logger;
  defaultLocale: Locale;
  /** Where residents report (the chats). */
  links: ReportLinks;
  /** A tile server for the map; without one the map shows the wards' boundaries only and asks nothing of any other host. */
  mapTileUrl?: string;
  cacheMs?: number;
}

/** Every route here is for anyone, signed in or not (the route table's audience). */
const PUBLIC: { config: Record<string, unknown> } = { config: { audience: "public" } };
const ASSETS = new URL("./assets/", import.meta.url);
const LEAFLET = new URL("../node_modules/leaflet/dist/", import.meta.url);
const FILES: Record<string, URL> = {
  "reports.css": new URL("reports.css", ASSETS),
  "reports.js": new URL("reports.js", ASSETS),
  "leaflet.js": new URL("leaflet.js", LEAFLET),
  "leaflet.css": new URL("leaflet.css", LEAFLET),
};

/**
 * The public reports pages as a Fastify plugin (register with the prefix REPORTS_PREFIX): what
 * was reported and how fast each ward answers, with no sign-in, Vietnamese first. Everything
 * shown comes through the publication rule (services/publication); pages are server-rendered
 * and work without a script, which only draws the map.
 */
export function reportsPlugin(deps: ReportsDeps) {
  return async function publicReports(app: FastifyInstance): Promise<void> {
    const texts = createTexts(deps.defaultLocale);
    const published = createPublished({ stores: deps.stores, wardsOf: (p) => deps.directory.inProvince(p), clock: deps.clock, ttlMs: deps.cacheMs });
    const photos = createPublicPhotos(deps.stores);
    const boundaries = createProvinceBoundaries(deps.stores.wards);
    /** The province a request shows (served-provinces.ts), and the province to carry in its links when it is not the default one. */
    const province = (request: FastifyRequest) => {
      const choice = provinceChoice(deps.directory, (request.query as Record<string, unknown>).province);
      const code = choice.provinceCode ?? "";
      return { code, carried: code !== choice.provinces[0] ? code : undefined, provinces: choice.provinces };
    };
    const wardName = (code: string) => {
      const w = deps.directory.byCode(code);
      return w ? fullName(w) : code;
    };
    /** A report's page is found in whichever served province it was filed. */
    const publishedNumber = async (number: string) => {
      for (const code of deps.directory.servedProvinces()) {
        const view = (await published.snapshot(code)).views.find((p) => p.number === number);
        if (view) return view;
      }
      return undefined;
    };
    const tiles = deps.mapTileUrl ? ` ${new URL(deps.mapTileUrl.replace(/[{}]/g, "")).origin}` : "";

    app.addHook("onSend", async (_request, reply, payload) => {
      reply.header("x-content-type-options", "nosniff").header("x-frame-options", "DENY").header("referrer-policy", "same-origin");
      reply.header("content-security-policy", `default-src 'self'; img-src 'self' data:${tiles}; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'`);
      if (!reply.hasHeader("cache-control")) reply.header("cache-control", "public, max-age=30");
      return payload;
    });
    app.setNotFoundHandler((request, reply) => notFound(request, reply));
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) deps.logger.error({ err: error, url: request.url.split("?")[0] }, "public reports request failed");
      const r = readerOf(texts, request);
      return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store")
        .send(page(r, { title: r.t(status === 500 ? "public-error" : "public-bad-request"), body: html`<p><a href="${r.href("")}">${r.t("public-back")}</a></p>`, links: deps.links }));
    });
    const notFound = (request: FastifyRequest, reply: FastifyReply) => {
      const r = readerOf(texts, request);
      return reply.code(404).type("text/html; charset=utf-8").header("cache-control", "no-store")
        .send(page(r, { title: r.t("public-not-found"), body: html`<p><a href="${r.href("")}">${r.t("public-back")}</a></p>`, links: deps.links }));
    };

    assetRoutes(app, FILES, PUBLIC.config);

    app.get("/", PUBLIC, async (request, reply) => {
      const r = readerOf(texts, request);
      const { code, carried, provinces } = province(request);
      const wards = deps.directory.inProvince(code);
      const f = filterOf(request.query as Record<string, unknown>, wards, carried);
      const snap = await published.snapshot(code);
      const found = matching(snap.views, f, deps.clock());
      const points = r.href("/points.json", { ...filterQuery(f), lang: r.locale });
      const choices = provinces.map((p) => ({ code: p, name: deps.directory.provinceName(p) }));
      const body = html`<p class="lead">${r.t("public-lead", { province: deps.directory.provinceName(code) })}</p>
        ${filterForm(r, f, wards, choices, code)}
        <div id="map" class="map" data-points="${points}" data-wards="${r.href("/wards.json", { province: carried })}" data-tiles="${deps.mapTileUrl ?? ""}" role="region" aria-label="${r.t("public-map")}"></div>
        ${reportList(r, found, f, wardName)}
        <section><h2>${r.t("public-figures", { days: Number(f.period) })}</h2>${figuresTable(r, snap.figures(f.period))}
        <p class="muted">${r.t("public-figures-note")}</p></section>`;
      return reply.type("text/html; charset=utf-8").send(page(r, { title: r.t("public-title"), body, links: deps.links, map: true }));
    });

    app.get("/points.json", PUBLIC, async (request, reply) => {
      const r = readerOf(texts, request);
      const { code, carried } = province(request);
      const f = filterOf(request.query as Record<string, unknown>, deps.directory.inProvince(code), carried);
      const found = matching((await published.snapshot(code)).views, f, deps.clock()).filter((p) => p.position);
      return reply.send({
        states: Object.fromEntries(Object.entries(STATE_COLOURS).map(([s, colour]) => [s, { colour, label: label(r.t, "state", s) }])),
        reports: found.map((p) => [p.number, p.position!.lat, p.position!.lng, p.state, r.href(`/${encodeURIComponent(p.number)}`)]),
      });
    });

    app.get("/wards.json", PUBLIC, async (request, reply) => reply.header("cache-control", "public, max-age=300").send(await boundaries(province(request).code)));

    app.get<{ Params: { file: string } }>("/photos/:file", PUBLIC, async (request, reply) => {
      const id = /^(.+)\.jpg$/.exec(request.params.file)?.[1];
      const bytes = id && PUBLIC_ID.test(id) ? await photos(id) : undefined;
      if (!bytes) return notFound(request, reply);
      return reply.header("content-type", "image/jpeg").header("cache-control", "public, max-age=300").send(bytes);
    });

    app.get<{ Params: { number: string } }>("/:number", PUBLIC, async (request, reply) => {
      const r = readerOf(texts, request);
      const number = request.params.number.toUpperCase();
      const view = /^[A-Z0-9-]{1,40}$/.test(number) ? await publishedNumber(number) : undefined;
      if (!view) return notFound(request, reply);
      return reply.type("text/html; charset=utf-8").send(page(r, { title: r.t("public-report-title", { number: view.number }), body: reportBody(r, view, wardName), links: deps.links, map: Boolean(view.position) }));
    });
  };
}
