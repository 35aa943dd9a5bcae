import type { FastifyInstance } from "fastify";
import { zaloEventKey, type ZaloEvent } from "./events.js";
import { verifyZaloWebhook } from "./signature.js";
import type { ZaloInboxStore } from "../../../models/zalo-inbox.js";

export interface ZaloWebhookDeps {
  appId: string;
  oaSecretKey: string;
  inbox: ZaloInboxStore;
  /** Called after an event is stored; processing happens outside the request. */
  onStored: () => void;
  clock?: () => Date;
  /** Older deliveries are treated as replays (default 5 minutes). */
  maxSkewMs?: number;
  path?: string;
}

/**
 * `POST /zalo`: verify the signature on the raw bytes, persist the event in the inbox,
 * answer 200 at once. Rejected deliveries get 401 and touch nothing.
 */
export function registerZaloWebhook(app: FastifyInstance, deps: ZaloWebhookDeps) {
  const clock = deps.clock ?? (() => new Date());
  return app.register(async (scope) => {
    // The signature covers the exact bytes, so this scope keeps the body raw.
    scope.removeAllContentTypeParsers();
    // Zalo documents no size for events; a megabyte holds any text and attachment list it sends.
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.post(deps.path ?? "/zalo", { config: { audience: "webhook" } }, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers["x-zevent-signature"];
      const verdict = verifyZaloWebhook(raw, typeof header === "string" ? header : undefined, {
        appId: deps.appId,
        oaSecretKey: deps.oaSecretKey,
        now: clock(),
        maxSkewMs: deps.maxSkewMs ?? 5 * 60_000,
      });
      if (!verdict.ok) {
        req.log.warn({ reason: verdict.reason }, "zalo webhook rejected");
        // The reason is logged, not told: a forger learns nothing about which check failed.
        return reply.code(401).send({ error: "unauthorized" });
      }
      const event = verdict.event as unknown as ZaloEvent;
      const fresh = await deps.inbox.add(zaloEventKey(event), String(event.event_name ?? "unknown"), verdict.event, clock());
      if (fresh) deps.onStored();
      else req.log.info({ event: event.event_name }, "zalo event delivered again; already stored");
      return reply.code(200).send({ ok: true });
    });
  });
}
