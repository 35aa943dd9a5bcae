import type { FastifyInstance, FastifyRequest } from "fastify";
import { TICKET_STATES, isOpen } from "../services/tickets/ticket-states.js";
import { isServiceCode, serviceDefinition, serviceList } from "./catalog.js";
import { Open311Error, badRequest } from "./errors.js";
import type { Open311Context } from "./context.js";
import { list, readParams, time, wholeNumber, type Params } from "./params.js";
import type { Format } from "./render.js";
import { requestRecord, updateRecords } from "./request-record.js";

/** The spec's default window for GET requests and its row limit. */
const DEFAULT_WINDOW_MS = 90 * 86_400_000;
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

export function readRoutes(app: FastifyInstance, c: Open311Context): void {
  const { deps } = c;
  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, async (request, reply) => {
      await c.gate(request, query(request), false);
      const t = c.t(request);
      return c.send(reply, format, "discovery", {
        changeset: CHANGESET,
        contact: t("open311-contact"),
        key_service: t("open311-key-service"),
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
      const province = c.scope(params, await c.gate(request, params, false));
      const numbers = list(params, "service_request_id");
      const codes = list(params, "service_code");
      for (const code of codes ?? []) if (!isServiceCode(code)) throw badRequest("open311-error-service-code", { code });
      const statuses = list(params, "status");
      if (statuses?.some((s) => s !== "open" && s !== "closed")) throw badRequest("open311-error-status");
      const states = statuses && TICKET_STATES.filter((s) => statuses.includes(isOpen(s) ? "open" : "closed"));
      let from = time(params, "start_date");
      const to = time(params, "end_date");
      if (!numbers && !from && !to) from = new Date(deps.clock().getTime() - DEFAULT_WINDOW_MS);
      const page = wholeNumber(params, "page", 1, 1_000_000);
      const size = wholeNumber(params, "page_size", MAX_ROWS, MAX_ROWS);
      const tickets = await deps.stores.tickets.listing(
        { numbers, violationTypes: codes, states, from: numbers ? undefined : from, to: numbers ? undefined : to, provinceCode: province },
        { skip: (page - 1) * size, limit: size },
      );
      const ctx = c.recordContext(request);
      return c.send(reply, format, "service_requests", (await c.views(tickets)).map((p) => requestRecord(p, ctx)));
    });

    app.get(`/servicerequestupdates.${format}`, async (request, reply) => {
      const params = query(request);
      const province = c.scope(params, await c.gate(request, params, false));
      const now = deps.clock();
      const from = time(params, "start_date") ?? new Date(now.getTime() - DEFAULT_WINDOW_MS);
      const to = time(params, "end_date") ?? new Date(now.getTime() + 1000);
      const tickets = await deps.stores.tickets.changedBetween(from, to, province, MAX_ROWS);
      const ctx = c.recordContext(request);
      const updates = (await c.views(tickets)).flatMap((p) => updateRecords(p, from, to, ctx)).slice(0, MAX_ROWS);
      return c.send(reply, format, "service_request_updates", updates);
    });
  }

  app.get<{ Params: { file: string } }>("/services/:file", async (request, reply) => {
    const [code, format] = splitFile(request.params.file, "service_code");
    const params = query(request);
    c.scope(params, await c.gate(request, params, false));
    if (!isServiceCode(code)) throw new Open311Error(404, "open311-error-service-code", { code });
    return c.send(reply, format, "service_definition", serviceDefinition(code, c.t(request)));
  });

  app.get<{ Params: { file: string } }>("/requests/:file", async (request, reply) => {
    const [id, format] = splitFile(request.params.file, "service_request_id");
    const params = query(request);
    const province = c.scope(params, await c.gate(request, params, false));
    const ticket = /^[A-Za-z0-9-]{1,40}$/.test(id) ? await deps.stores.tickets.byNumber(id) : undefined;
    // An inspection nobody reported, or a ticket whose every report was withdrawn, has no public view.
    const [view] = ticket && !(province && ticket.provinceCode !== province) ? await c.views([ticket]) : [];
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
