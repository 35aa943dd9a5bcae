import type { FastifyInstance } from "fastify";

/**
 * Browsers on the configured origins (OPEN311_CORS_ORIGINS) may call the API: every answer,
 * errors included, names the caller's origin when it is one of them, and a preflight allows
 * GET and POST. Never a wildcard and never credentials: a key travels as the api_key
 * parameter, and POST still requires one. Another origin's preflight gets no grant, so its
 * browser refuses the call.
 */
export function allowOrigins(app: FastifyInstance, origins: string[] = []): void {
  const allowed = new Set(origins);
  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && allowed.has(origin)) reply.header("access-control-allow-origin", origin);
    reply.header("vary", "Origin");
  });
  app.options("/*", { config: { audience: "public" } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && allowed.has(origin)) {
      reply
        .header("access-control-allow-methods", "GET, POST")
        .header("access-control-allow-headers", "Content-Type, Accept-Language")
        .header("access-control-max-age", "600");
    }
    return reply.code(204).send();
  });
}
