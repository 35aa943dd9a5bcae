import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { declareAudience } from "../server/route-table.js";
import { createOpen311Context, formatOf, type Open311Context, type Open311Deps } from "./context.js";
import { answerClientErrors } from "./client-errors.js";
import { allowOrigins } from "./cors.js";
import { Open311Error } from "./errors.js";
import { FORM_MAX_BYTES, MEDIA_MAX_BYTES, postRequestRoute } from "./post-request.js";
import { readRoutes } from "./read-routes.js";

/** A multipart form's text fields at most (the spec's arguments and a few attributes), besides its one photo. */
const FORM_MAX_FIELDS = 40;

export { PREFIX as OPEN311_PREFIX, type Open311Deps } from "./context.js";

/**
 * The Open311 GeoReport v2 API as a Fastify plugin (register it with the prefix
 * OPEN311_PREFIX). Partner systems file reports into the same pipeline as the chats and
 * read them and their state changes back; every call made with a key is in the audit log.
 */
export function open311Plugin(deps: Open311Deps) {
  return async function open311(app: FastifyInstance): Promise<void> {
    const c = createOpen311Context(deps);
    // Reads are public (a key only raises the rate); filing declares itself the partner's.
    declareAudience(app, "public");
    await app.register(formbody);
    await app.register(multipart, { limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: FORM_MAX_FIELDS, fieldSize: 64 * 1024, parts: FORM_MAX_FIELDS + 1 } });

    app.setErrorHandler((error, request, reply) => refuse(c, error, request, reply));
    answerClientErrors(app.server, c.texts);
    // First, so that a refusal at the door is readable by an allowed page too.
    allowOrigins(app, deps.corsOrigins);
    // Limits before work: the key and the rate are settled before a POST's body is read.
    app.addHook("onRequest", async (request) => {
      if (request.method === "POST") await c.admit(request);
    });
    app.setNotFoundHandler((request, reply) => refuse(c, new Open311Error(404, "open311-error-not-found", { what: request.url.split("?")[0]!.slice(0, 100) }), request, reply));
    // Audited before the answer leaves, so a client (or a test) that reads the log after its answer finds the entry.
    app.addHook("onSend", async (request, reply, payload) => {
      await audit(c, request, reply.statusCode);
      return payload;
    });

    readRoutes(app, c);
    postRequestRoute(app, c);
  };
}

/** Client mistakes in the spec's error format with their own status; anything else is ours (500, logged). */
function refuse(c: Open311Context, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const t = c.t(request);
  let status: number;
  let description: string;
  if (error instanceof Open311Error) {
    [status, description] = [error.status, t(error.key, error.vars)];
  } else {
    const given = (error as FastifyError).statusCode ?? 500;
    status = given >= 400 && given < 500 ? given : 500;
    // The limit the request ran into: the photo's, a multipart form's count of parts, or the form's own size.
    const code = (error as FastifyError).code;
    if (status === 413 && code === "FST_REQ_FILE_TOO_LARGE") description = t("open311-error-too-large", { size: `${MEDIA_MAX_BYTES / 1024 / 1024} MB` });
    else if (status === 413 && /^FST_(PARTS|FIELDS|FILES)_LIMIT$/.test(code ?? "")) description = t("open311-error-too-many-parts", { fields: FORM_MAX_FIELDS });
    else if (status === 413) description = t("open311-error-too-large", { size: `${FORM_MAX_BYTES / 1024} KB` });
    else if (status === 415) description = t("open311-error-content-type");
    else if (status < 500) description = t("open311-error-bad-request");
    else {
      c.deps.logger.error({ err: error, method: request.method, path: request.url.split("?")[0] }, "open311 request failed");
      description = t("open311-error-internal");
    }
    // The path only: a query string carries the partner's api_key.
    if (status < 500) c.deps.logger.info({ status, code, method: request.method, path: request.url.split("?")[0]!.slice(0, 200) }, "open311 request refused");
  }
  if (status === 429) reply.header("retry-after", String((error as Open311Error).vars.seconds ?? 60));
  return c.send(reply, formatOf(request.url), "errors", [{ code: status, description }], status);
}

/** Every call made with a key, attributed to its client. */
async function audit(c: Open311Context, request: FastifyRequest, status: number): Promise<void> {
  const call = c.calls.get(request);
  if (!call?.client) return;
  const path = request.url.split("?")[0]!.slice(0, 200);
  await c.deps.stores.audit
    .append({
      at: c.deps.clock(),
      actorId: call.client.id,
      actorRole: "api_client",
      action: "open311_request",
      subjectKind: "api_client",
      subjectId: call.client.id,
      note: `${request.method} ${path}`,
      meta: { client: call.client.name, status, ...(call.ticket ? { ticket: call.ticket } : {}) },
    })
    .catch((err: unknown) => c.deps.logger.error({ err }, "open311 audit append failed"));
}
