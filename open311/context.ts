import type { FastifyReply, FastifyRequest } from "fastify";
import type { ApiClient } from "../models/api-client.js";
import type { Stores } from "../models/index.js";
import type { Ticket } from "../models/ticket.js";
import type { Logger } from "../platform/logger.js";
import { clientOfKey } from "../services/access/api-keys.js";
import { createPublicPhotos } from "../services/publication/public-tickets.js";
import type { IntakeDeps } from "../services/intake/file-report.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import type { Examples } from "./catalog.js";
import { Open311Error } from "./errors.js";
import { createJurisdictions } from "./jurisdiction.js";
import { partnerViews } from "./own-records.js";
import { optional, type Params } from "./params.js";
import { createRateLimiter } from "./rate-limit.js";
import { CONTENT_TYPE, render, type Format, type Value } from "./render.js";
import type { RecordContext } from "./request-record.js";
import { createTexts, type Locale, type Translate } from "./texts.js";

export const PREFIX = "/open311/v2";

export interface Open311Deps {
  stores: Stores;
  intake: Omit<IntakeDeps, "stores" | "clock">;
  directory: Pick<WardDirectory, "byCode" | "provinceCodes" | "servedProvinces">;
  clock: () => Date;
  logger: Logger;
  defaultLocale: Locale;
  /** The public address for links (discovery, media_url); without it, the request's own host. */
  publicUrl?: string;
  /** Requests per minute for each key (and for each address without one). */
  requestsPerMinute?: number;
  /** OPEN311_JURISDICTION_IDS: the jurisdiction_id values accepted; unset = the province codes. */
  jurisdictionIds?: string[];
  /** OPEN311_CORS_ORIGINS: pages on these origins may call the API from a browser. */
  corsOrigins?: string[];
  /** Discovery's contact and key_service (a URL or an e-mail of the operator); unset = a sentence saying whom to ask. */
  contact?: string;
  keyService?: string;
}

/** What one request carries through the plugin: its client (for the audit log) and the ticket it filed. */
export interface Call {
  client?: ApiClient;
  ticket?: string;
  /** Counted at the door (before the body): the body's key is checked, not counted again. */
  counted?: boolean;
}

/** The format a URL asks for: its `.json` or `.xml` suffix (XML, the required one, otherwise). */
export function formatOf(url: string): Format {
  return /\.json(\?|$)/.test(url) ? "json" : "xml";
}

export function createOpen311Context(deps: Open311Deps) {
  const texts = createTexts(deps.defaultLocale);
  const limiter = createRateLimiter({ limit: deps.requestsPerMinute ?? 120, windowMs: 60_000, clock: deps.clock });
  const calls = new WeakMap<FastifyRequest, Call>();
  const jurisdictions = createJurisdictions(deps.jurisdictionIds, deps.directory);

  const take = (caller: string) => {
    const wait = limiter.take(caller);
    if (wait !== undefined) throw new Open311Error(429, "open311-error-rate", { seconds: wait });
  };
  const t = (request: FastifyRequest): Translate => texts.translator(texts.localeOf(request.headers["accept-language"]));
  const baseUrl = (request: FastifyRequest) => `${deps.publicUrl ?? `${request.protocol}://${request.host}`}${PREFIX}`;

  let examples: Examples | undefined;

  return {
    deps,
    texts,
    calls,
    /** The first active venue of the registry and its ward, once found (an empty registry has none to show yet). */
    async examples(): Promise<Examples> {
      if (examples) return examples;
      for await (const venue of deps.stores.venues.each()) {
        if (venue.status !== "active") continue;
        examples = { venue: venue.code, ward: venue.wardCode };
        return examples;
      }
      return { venue: "—", ward: "—" };
    },
    t,
    baseUrl,
    send(reply: FastifyReply, format: Format, root: string, value: Value, status = 200) {
      return reply.code(status).header("content-type", CONTENT_TYPE[format]).header("x-content-type-options", "nosniff").send(render(format, root, value));
    },
    /**
     * Authenticates the key when one is given (required for `keyRequired`), then counts the
     * request against its caller's rate. A wrong key is refused even where none is needed.
     */
    async gate(request: FastifyRequest, params: Params, keyRequired: boolean): Promise<ApiClient | undefined> {
      const call = calls.get(request);
      const key = optional(params, "api_key");
      const client = call?.client ?? (key ? await clientOfKey(deps.stores.apiClients, key) : undefined);
      if ((key && !client) || (keyRequired && !client)) throw new Open311Error(403, "open311-error-api-key");
      if (client) calls.set(request, { ...calls.get(request), client });
      if (!call?.counted) take(client ? `key:${client.id}` : `ip:${request.ip}`);
      return client;
    },
    /**
     * At the door of a POST, before any byte of its body is read: a key in the query string is
     * checked and counted against its client; without one the call counts against its address
     * (TRUST_PROXY makes that the client's, not nginx's). A wrong key is refused here.
     */
    async admit(request: FastifyRequest): Promise<void> {
      const key = (request.query as Record<string, unknown> | undefined)?.api_key;
      if (typeof key !== "string" || !key) {
        take(`ip:${request.ip}`);
        calls.set(request, { counted: true });
        return;
      }
      const client = await clientOfKey(deps.stores.apiClients, key);
      if (!client) {
        take(`ip:${request.ip}`);
        throw new Open311Error(403, "open311-error-api-key");
      }
      take(`key:${client.id}`);
      calls.set(request, { client, counted: true });
    },
    /** Before a multipart body's photo is read: its key came in the query or in a field before the photo. */
    async keyBeforeMedia(request: FastifyRequest, fieldKey: string | undefined): Promise<void> {
      if (calls.get(request)?.client) return;
      const client = fieldKey ? await clientOfKey(deps.stores.apiClients, fieldKey) : undefined;
      if (!client) throw new Open311Error(403, "open311-error-api-key");
      calls.set(request, { ...calls.get(request), client });
    },
    jurisdictions,
    /**
     * The province a call may see: the client's own, else the jurisdiction's (none for an id
     * naming the whole deployment, or when no id is sent).
     */
    scope(params: Params, client: ApiClient | undefined): string | undefined {
      const id = optional(params, "jurisdiction_id");
      const asked = id === undefined ? undefined : jurisdictions.provinceOf(id);
      if (client?.provinceCode && asked && asked !== client.provinceCode) throw new Open311Error(403, "open311-error-scope", { province: client.provinceCode });
      return client?.provinceCode ?? asked;
    },
    /** How public views are written: ward names, and links to public photos served under media/. */
    recordContext(request: FastifyRequest): RecordContext {
      const base = baseUrl(request);
      return { t: t(request), ward: (code) => deps.directory.byCode(code), mediaUrl: (publicId) => `${base}/media/${publicId}.jpg` };
    },
    /** What a caller may read of these tickets: the public views, and a key's own text on what it filed. */
    views: (tickets: Ticket[], client: ApiClient | undefined) => partnerViews(deps.stores, tickets, client),
    photos: createPublicPhotos(deps.stores),
  };
}

export type Open311Context = ReturnType<typeof createOpen311Context>;
