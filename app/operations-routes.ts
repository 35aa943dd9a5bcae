import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { declareAudience } from "../server/route-table.js";
import type { AppMetrics } from "./metrics.js";

export interface OperationsOptions {
  metrics: Pick<AppMetrics, "registry">;
  /** Each dependency's readiness: true when it answers, else a short reason. */
  checks: Record<string, () => Promise<true | string>>;
  /** Facts for the operator that do not decide readiness (e.g. the embedded database's size against its limit). */
  details?: Record<string, () => unknown>;
  /** Client IPs that may read (the socket's address: behind a proxy, the proxy's). */
  allowFrom: string[];
  /** Anyone presenting `Authorization: Bearer <token>` may read too. */
  token: string | undefined;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * /metrics (Prometheus) and /readyz for operators. Neither is for the public: the queue depths
 * and ticket counts describe the service, so only the listed addresses or a token holder get
 * an answer; everyone else gets 404, as for any path that does not exist.
 */
export function operationsRoutes(opts: OperationsOptions): FastifyPluginAsync {
  const token = opts.token ? Buffer.from(`Bearer ${opts.token}`) : undefined;
  const allowed = (request: FastifyRequest) => {
    if (opts.allowFrom.includes(request.ip)) return true;
    const given = Buffer.from(request.headers.authorization ?? "");
    return token !== undefined && given.length === token.length && timingSafeEqual(given, token);
  };
  return async (app) => {
    declareAudience(app, "operator");
    app.addHook("onRequest", async (request, reply) => {
      if (!allowed(request)) return reply.code(404).send({ error: "not found" });
    });
    app.get("/metrics", async (_request, reply) => {
      const body = await opts.metrics.registry.metrics();
      return reply.type(opts.metrics.registry.contentType).send(body);
    });
    app.get("/readyz", async (_request, reply) => {
      const results = await Promise.all(Object.entries(opts.checks).map(async ([name, check]) => [name, await withTimeout(check())] as const));
      const ready = results.every(([, r]) => r === true);
      const details = Object.fromEntries(Object.entries(opts.details ?? {}).map(([name, read]) => [name, read()]));
      return reply.code(ready ? 200 : 503).send({ ready, checks: Object.fromEntries(results.map(([n, r]) => [n, r === true ? "ok" : r])), ...(opts.details ? { details } : {}) });
    });
  };
}

async function withTimeout(check: Promise<true | string>): Promise<true | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([check.catch((e: unknown) => String((e as Error).message ?? e)), late]);
  } finally {
    clearTimeout(timer);
  }
}
