import type { FastifyInstance, FastifyRequest } from "fastify";
import { TICKET_STATES, isOpen } from "../models/ticket-states.js";
import { isServiceCode, serviceDefinition, serviceList } from "./catalog.js";
import { Open311Error, badRequest } from "./errors.js";
import type { Open311Context } from "./context.js";
import { list, readParams, time, wholeNumber, type Params } from "./params.js";
import type { Format } from "./render.js";
import { requestRecord, updateRecords } from "./request-record.js";

/** The spec's longest span of start_date..end_date, also the default window; and its row limit. */
const SPAN_MS = 90 * 86_400_000;
const MAX_ROWS = 1000;
/** When this API's shape last changed (discovery's changeset). */
const CHANGESET = "2026-12-01T00:00:00+07:00";

const FORMATS: Format[] = ["xml", "json"];

/** `name.json` / `name.xml` → [name, format]; anything else is not a resource here. */
function splitFile(file: string, what: string): [string, Format] {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  if (!m) throw new Open311Error(404, "open311-error-not-found", { what });
  return [m[1]!, m[2] as Format];
}

const query = (request: FastifyRequest): Params => readParams(request.query);

/**
 * The window asked for, at most 90 days as the spec says: both dates as given; start_date
 * alone, the 90 days from it; end_date alone, the 90 days before it; neither, the last 90 days.
 */
function window(params: Params, now: Date): { from: Date; to: Date } {
  const [start, end] = [time(params, "start_date"), time(params, "end_date")];
  // Up to now inclusive: the store's upper bound is exclusive.
  const to = end ?? (start ? new Date(start.getTime() + SPAN_MS) : new Date(now.getTime() + 1000));
  const from = start ?? new Date(to.getTime() - SPAN_MS);
  if (to.getTime() - from.getTime() > SPAN_MS || to < from) throw badRequest("open311-error-span", { days: SPAN_MS / 86_400_000 });
  return { from, to };
}

export function readRoutes(app: FastifyInstance, c: Open311Context): void {
  const { deps } = c;

  /** GET requests without ids: by service_code, status and the window, a page at a time. */
  async function filtered(params: Params, province: string | undefined) {
    const codes = list(params, "service_code");
    for (const code of codes ?? []) if (!isServiceCode(code)) throw new Open311Error(404, "open311-error-service-code", { code: code.slice(0, 64) });
    const statuses = list(params, "status");
    if (statuses?.some((s) => s !== "open" && s !== "closed")) throw badRequest("open311-error-status");
    const states = statuses && TICKET_STATES.filter((s) => statuses.includes(isOpen(s) ? "open" : "closed"));
    const { from, to } = window(params, deps.clock());
    const page = wholeNumber(params, "page", 1, 1_000_000);
    const size = wholeNumber(params, "page_size", MAX_ROWS, MAX_ROWS);
    return deps.stores.tickets.listing({ violationTypes: codes, states, from, to, provinceCode: province }, { skip: (page - 1) * size, limit: size });
  }
  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, async (request, reply) => {
      await c.gate(request, query(request), false);
      const t = c.t(request);
      return c.send(reply, format, "discovery", {
        changeset: CHANGESET,
        contact: deps.contact ?? t("open311-contact"),
        key_service: deps.keyService ?? t("open311-key-service"),
        jurisdictions: c.jurisdictions.ids(),
        endpoints: [
          { specification: "http://wiki.open311.org/GeoReport_v2", url: c.baseUrl(request), changeset: CHANGESET, type: "production", formats: ["text/xml", "application/json"] },
        ],
      });
    });

    app.get(`/services.${format}`, async (request, reply) => {
      const params = query(request);
      c.scope(params, await c.gate(request, params, false));
      return c.send(reply, format, "services", serviceList(c.t(request)));
    });

    app.get(`/requests.${format}`, async (request, reply) => {
      const params = query(request);
      const client = await c.gate(request, params, false);
      const province = c.scope(params, client);
      const numbers = list(params, "service_request_id")?.slice(0, MAX_ROWS);
      // The spec: service_request_id "overrides all other arguments" (the jurisdiction still scopes).
      const tickets = numbers
        ? await deps.stores.tickets.listing({ numbers, provinceCode: province }, { skip: 0, limit: MAX_ROWS })
        : await filtered(params, province);
      const ctx = c.recordContext(request);
      return c.send(reply, format, "service_requests", (await c.views(tickets, client)).map((p) => requestRecord(p, ctx)));
    });

    app.get(`/servicerequestupdates.${format}`, async (request, reply) => {
      const params = query(request);
      const province = c.scope(params, await c.gate(request, params, false));
      const { from, to } = window(params, deps.clock());
      const tickets = await deps.stores.tickets.changedBetween(from, to, province, MAX_ROWS);
      const ctx = c.recordContext(request);
      const updates = (await c.views(tickets, undefined)).flatMap((p) => updateRecords(p, from, to, ctx)).slice(0, MAX_ROWS);
      return c.send(reply, format, "service_request_updates", updates);
    });
  }

  app.get<{ Params: { file: string } }>("/services/:file", async (request, reply) => {
    const [code, format] = splitFile(request.params.file, "service_code");
    const params = query(request);
    c.scope(params, await c.gate(request, params, false));
    if (!isServiceCode(code)) throw new Open311Error(404, "open311-error-service-code", { code });
    return c.send(reply, format, "service_definition", serviceDefinition(code, c.t(request), await c.examples()));
  });

  app.get<{ Params: { file: string } }>("/requests/:file", async (request, reply) => {
    const [id, format] = splitFile(request.params.file, "service_request_id");
    const params = query(request);
    const client = await c.gate(request, params, false);
    const province = c.scope(params, client);
    const ticket = /^[A-Za-z0-9-]{1,40}$/.test(id) ? await deps.stores.tickets.byNumber(id) : undefined;
    // An inspection nobody reported, or a ticket whose every report was withdrawn, has no public view.
    const [view] = ticket && !(province && ticket.provinceCode !== province) ? await c.views([ticket], client) : [];
    if (!view) throw new Open311Error(404, "open311-error-not-found", { what: `service_request_id ${id}` });
    return c.send(reply, format, "service_requests", [requestRecord(view, c.recordContext(request))]);
  });

  // Only a photo an officer marked publishable, of a public ticket, re-encoded without metadata; originals stay with staff.
  app.get<{ Params: { file: string } }>("/media/:file", async (request, reply) => {
    await c.gate(request, query(request), false);
    const id = /^([A-Za-z0-9_-]+)\.jpg$/.exec(request.params.file)?.[1];
    const bytes = id ? await c.photos(id) : undefined;
    if (!bytes) throw new Open311Error(404, "open311-error-not-found", { what: "media" });
    // Short-lived: an officer may take the photo back, or the reporter withdraw.
    return reply.header("content-type", "image/jpeg").header("cache-control", "public, max-age=300").send(bytes);
  });
}
