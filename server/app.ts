import Fastify, { type FastifyInstance } from "fastify";
import type { Logger } from "../platform/logger.js";
import { installRouteTable } from "./route-table.js";

export interface ServerOptions {
  /** Where the public reaches this server: its origin counts as our own for the same-origin rule. */
  publicUrl?: string;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For names the client (e.g. 127.0.0.1 for nginx on this host). */
  trustProxy?: string[];
  /** For failures no surface formats itself. */
  logger?: Logger;
}

/**
 * The HTTP server with /healthz and the route table (server/route-table.ts): each channel and
 * surface registers its own routes, each with its audience, before it listens.
 */
export function createServer(o: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: o.trustProxy?.length ? o.trustProxy : false });
  installRouteTable(app, o);
  app.get("/healthz", { config: { audience: "public" } }, async () => ({ ok: true }));
  return app;
}
