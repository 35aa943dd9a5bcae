import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { declareAudience } from "../server/route-table.js";
import { ticketScope } from "../services/access/authorize.js";
import { assetRoutes } from "./assets.js";
import { ConsoleError } from "./console-error.js";
import { createConsoleContext, type ConsoleContext, type ConsoleDeps, type ConsolePage } from "./context.js";
import { html } from "./html.js";
import { PAGES } from "./pages.js";
import { sessionRoutes } from "./session-routes.js";
import { signInRoutes } from "./sign-in-routes.js";
import { staffGuard } from "./staff-guard.js";

export { CONSOLE_PREFIX, type ConsoleDeps } from "./context.js";

/**
 * The staff web console as a Fastify plugin (register it with the prefix CONSOLE_PREFIX):
 * server-rendered pages in Vietnamese first, sessions in MongoDB opened from one-time links.
 *
 * How a page module plugs in: write `console/<page>.ts` exporting a `ConsolePage`,
 * `(app, c) => { app.get("/map", async (request, reply) => …) }`, and add it to PAGES in
 * console/pages.ts. Its routes are relative to /console and run in the signed-in scope:
 * - `c.viewer(request)` is the signed-in person: `account` (loaded from the database on this
 *   very request), `session` (`session.csrf` for forms), `locale` and `t(key, vars)` from
 *   locales/{vi,en}/*.ftl. Decide what they may see with services/access/authorize.ts
 *   (`ticketScope`, `canSee`, `authorize`, `registryScope`), as the chat does.
 * - `c.page(reply, viewer, { title, active: "map", body: html`…`, styles, scripts })` sends a page
 *   in the layout; build bodies with the `html` tagged template (console/html.ts), which escapes.
 * - POST/PUT/DELETE must carry the session's CSRF token (hidden `_csrf` field, the
 *   `x-csrf-token` header from `<meta name="csrf-token">`, or `?_csrf=` on a multipart upload).
 * - Throw `ConsoleError(status, localeKey)` for a refusal; anything else is a logged 500.
 *   Requests whose path ends in `.json` or `.csv` get their refusal as JSON instead of a page.
 * - Static files: add them to CONSOLE_ASSETS (console/assets.ts); they are served under
 *   /console/assets/ from the repo or node_modules.
 * - Tickets by filter (queue, CSV, map): `ticketQueryOf(c, request)` in console/ticket-filter.ts gives the
 *   viewer's scope, the wards they may filter by and the validated filter; `query.where(now)` is the
 *   database query for `stores.tickets.matching`, `filterQueryString` rebuilds links. The ticket page is
 *   `/console/tickets/<number>`; `visibleTicket` (console/ticket-access.ts) loads one with its 403/404.
 */
export function consolePlugin(deps: ConsoleDeps, pages: ConsolePage[] = PAGES) {
  return async function staffConsole(app: FastifyInstance): Promise<void> {
    const c = createConsoleContext(deps);
    await app.register(cookie);
    await app.register(formbody);
    // Sign-in pages and assets are for anyone; everything in the signed-in scope below is staff's.
    // Headers and the same-origin rule for state changes come from the route table (server/route-table.ts).
    declareAudience(app, "public");
    app.setErrorHandler((error, request, reply) => refuse(c, error, request, reply));
    app.setNotFoundHandler((request, reply) => refuse(c, new ConsoleError(404, "console-error-not-found"), request, reply));

    assetRoutes(app);
    signInRoutes(app, c);
    await app.register(async (staff) => {
      declareAudience(staff, "staff");
      staff.addHook("preHandler", staffGuard(c));
      // Home: the queue for those who handle tickets, the venues for the registry's keeper.
      staff.get("/", async (request, reply) => reply.redirect(typeof ticketScope(c.viewer(request).account) === "string" ? "/console/venues" : "/console/queue", 303));
      sessionRoutes(staff, c);
      for (const page of pages) page(staff, c);
    });
  };
}

/** Client mistakes as a polite page (or JSON for data) with their status; anything else is ours (500, logged). */
function refuse(c: ConsoleContext, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  let status: number;
  let key: string;
  let vars: Record<string, string | number> = {};
  if (error instanceof ConsoleError) {
    ({ status, key, vars } = error);
  } else {
    const code = (error as FastifyError).statusCode ?? 500;
    status = code >= 400 && code < 500 ? code : 500;
    key = status === 404 ? "console-error-not-found" : (error as FastifyError).code === "CROSS_SITE" ? "console-error-cross-site" : status < 500 ? "console-error-bad-request" : "console-error-internal";
    if (status >= 500) c.deps.logger.error({ err: error, url: request.url.split("?")[0] }, "console request failed");
  }
  const viewer = c.viewerOf(request);
  const locale = viewer?.locale ?? c.guestLocale(request);
  const t = viewer?.t ?? c.translator(locale);
  const text = t(key, vars);
  if (/\.(json|csv)(\?|$)/.test(request.url)) return reply.code(status).send({ error: text });
  const signIn = status === 401 ? html`<p>${t("console-sign-in-how")}</p>` : "";
  return c.page(reply, viewer, { title: text, status, body: html`<div class="card narrow notice">${signIn}<p><a href="/console">${t("console-back")}</a></p></div>` }, locale);
}
