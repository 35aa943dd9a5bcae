import Fastify, { type FastifyInstance } from "fastify";

/** The HTTP server with /healthz; each channel and surface registers its own routes before it listens. */
export function createServer(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.get("/healthz", async () => ({ ok: true }));
  return app;
}
