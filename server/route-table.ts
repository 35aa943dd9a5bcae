import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { Logger } from "../platform/logger.js";

/**
 * Who a route is for. Every route declares one, per route (`{ config: { audience: "public" } }`)
 * or for a whole plugin scope (`declareAudience(scope, "staff")`, inherited by its children);
 * a route without one is refused at registration, so a new route cannot forget to say.
 * - public: anyone (health, Open311 reads, the console's sign-in pages, assets).
 * - partner: an Open311 partner system with its API key.
 * - staff: a console session; the page decides what the account's role may do.
 * - operator: /metrics and /readyz (allowed addresses or the operator's token).
 * - simulator: the simulator page's own API (its per-page token).
 * - emulator: the simulator's Bot API and OA API emulators, called by the bot in this process.
 * - webhook: Telegram and Zalo, proven by their secret or signature.
 */
export const AUDIENCES = ["public", "partner", "staff", "operator", "simulator", "emulator", "webhook"] as const;
export type Audience = (typeof AUDIENCES)[number];

declare module "fastify" {
  interface FastifyContextConfig {
    audience?: Audience;
  }
}

/** One registered route as the table knows it. */
export interface RouteEntry {
  method: string;
  url: string;
  audience: Audience;
  /** Anything but GET/HEAD/OPTIONS: a GET never changes state, so only these need CSRF and same-origin proof. */
  changesState: boolean;
}

/** Browsers carry these audiences' cookies and tokens: a state change must come from our own pages. */
const BROWSER_AUDIENCES = new Set<Audience>(["public", "staff", "simulator", "emulator"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SCOPE_AUDIENCE = Symbol("scope audience");
const TABLE = Symbol("route table");

type Scoped = { [SCOPE_AUDIENCE]?: Audience; [TABLE]?: RouteEntry[] };

/** Every route registered in `scope` (and its child scopes) without its own `config.audience` is for `audience`. */
export function declareAudience(scope: FastifyInstance, audience: Audience): void {
  (scope as unknown as Scoped)[SCOPE_AUDIENCE] = audience;
}

/** The routes registered on `server` so far, with their audience. */
export function routesOf(server: FastifyInstance): RouteEntry[] {
  return [...((server as unknown as Scoped)[TABLE] ?? [])];
}

/** A state-changing request from another site's page (login CSRF, a forged simulator reset, …). */
export class CrossSiteRefused extends Error {
  readonly statusCode = 403;
  readonly code = "CROSS_SITE";
  constructor() {
    super("cross-site request refused");
  }
}

/**
 * Fetch metadata when the browser sends it (every current one does): it is the browser's own
 * word, and a page with `Referrer-Policy: no-referrer` (the sign-in page) posts `Origin: null`.
 * Without it, Origin against our own host or PUBLIC_URL.
 */
export function isCrossSite(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  return host !== request.host && (!publicUrl || new URL(publicUrl).host !== host);
}

const CSP = "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
/** What every page's policy must say, whatever else a page's own policy allows. */
const REQUIRED_CSP = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

/** One place for the headers of a page: its CSP, framing and referrer rules (nosniff is on every answer already). */
function pageHeaders(reply: FastifyReply): void {
  if (!String(reply.getHeader("content-type") ?? "").startsWith("text/html")) return;
  const own = reply.getHeader("content-security-policy");
  const csp = typeof own === "string" ? [own, ...REQUIRED_CSP.filter((d) => !own.includes(d.split(" ")[0]!))].join("; ") : CSP;
  reply.header("content-security-policy", csp).header("x-frame-options", "DENY");
  // Same-origin keeps the console's "back to where I was"; a page with a secret in its path sets no-referrer itself.
  if (!reply.hasHeader("referrer-policy")) reply.header("referrer-policy", "same-origin");
}

/**
 * Installs the route table on a server before anything registers a route: the audience check
 * at registration, the same-origin rule for browser audiences, the headers of every answer,
 * and an error answer without internals for whatever no surface's own handler formats.
 */
export function installRouteTable(server: FastifyInstance, o: { publicUrl?: string; logger?: Logger } = {}): void {
  const table: RouteEntry[] = [];
  (server as unknown as Scoped)[TABLE] = table;
  server.addHook("onRoute", function declared(this: FastifyInstance, route: RouteOptions) {
    const audience = route.config?.audience ?? (this as unknown as Scoped)[SCOPE_AUDIENCE];
    const methods = [route.method].flat();
    if (!audience || !AUDIENCES.includes(audience)) {
      throw new Error(`${methods.join(",")} ${route.url} declares no audience: add { config: { audience } } or declareAudience(scope, …) (server/route-table.ts)`);
    }
    route.config = { ...route.config, audience };
    for (const method of methods) table.push({ method, url: route.url, audience, changesState: !SAFE_METHODS.has(method) });
  });
  server.addHook("onRequest", async (request, reply) => {
    // On the raw response, so answers a route writes itself (event streams, the OA emulator) carry it too.
    reply.raw.setHeader("x-content-type-options", "nosniff");
    const audience = request.routeOptions.config?.audience;
    if (audience && BROWSER_AUDIENCES.has(audience) && !SAFE_METHODS.has(request.method) && isCrossSite(request, o.publicUrl)) throw new CrossSiteRefused();
  });
  server.addHook("onSend", async (_request, reply, payload) => {
    pageHeaders(reply);
    return payload;
  });
  server.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) o.logger?.error({ err: error, method: request.method, path: request.url.split("?")[0] }, "request failed");
    return reply.code(status).send({ error: STATUS_CODES[status] ?? "Error" });
  });
}
