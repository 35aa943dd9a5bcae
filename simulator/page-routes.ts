import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { KeyRing } from "../services/registry/payload.js";
import type { ReportLinks } from "../services/registry/report-link.js";
import { I18n } from "@grammyjs/i18n";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { declareAudience } from "../server/route-table.js";
import sharp from "sharp";
import { LOCALES_DIR } from "../services/text/i18n.js";
import type { Logger } from "../platform/logger.js";
import { posterTexts } from "../services/registry/poster/poster-texts.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import { fullName } from "../services/routing/ward-ref.js";
import { label } from "../services/text/labels.js";
import { telegramActor, zaloActor, type Actor } from "./actors.js";
import { telegramChat, zaloChat, type ChatEvent, type ChatLog } from "./chat-log.js";
import { DEMO_VENUES, hueWardsGeoJson, PERSONAS, type Persona } from "./demo/demo-world.js";
import { prepareGallery, type GalleryPhoto } from "./demo/gallery.js";
import { renderPage, type PageChat } from "./page/index-html.js";
import type { TelegramEmulator } from "./telegram-emulator.js";
import type { ZaloEmulator } from "./zalo-emulator.js";

export interface PageDeps {
  telegram: TelegramEmulator;
  zalo: ZaloEmulator;
  log: ChatLog;
  directory: WardDirectory;
  signingKey: KeyRing;
  /** The bot's links, printed on the demo posters as on real ones. */
  links: ReportLinks;
  mapTileUrl: string | undefined;
  logger: Logger;
  galleryDir: string;
  zaloWebhook: { url: string; keys: { appId: string; oaSecretKey: string } };
  /** Host names the page is served as (loopback, HTTP_HOST, PUBLIC_URL): another name is a rebound DNS name. */
  hosts: string[];
  /** False when reset is refused: the simulator does not own the database. */
  reset(): Promise<boolean>;
  /** Sets every persona's language (the page's «English» / «Tiếng Việt»). */
  speak(locale: "vi" | "en"): Promise<void>;
}

const PAGE_DIR = new URL("./page/", import.meta.url);
const LEAFLET_DIR = new URL("../node_modules/leaflet/dist/", import.meta.url);
const ASSETS: Record<string, [URL, string]> = {
  "app.js": [new URL("app.js", PAGE_DIR), "text/javascript"],
  "map.js": [new URL("map.js", PAGE_DIR), "text/javascript"],
  "style.css": [new URL("style.css", PAGE_DIR), "text/css"],
  "leaflet.js": [new URL("leaflet.js", LEAFLET_DIR), "text/javascript"],
  "leaflet.css": [new URL("leaflet.css", LEAFLET_DIR), "text/css"],
};
/** What the page may upload: more than any chat app sends, so the bot (not the page) refuses big files. */
const UPLOAD_LIMIT = 64 * 1024 * 1024;

class BadRequest extends Error {}

const sameSecret = (a: string, b: unknown) => typeof b === "string" && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The page at / and the small JSON API its script uses, in their own scope (audience
 * "simulator"): only under the names it is served as, and a state change only with the token
 * of a page this process rendered. The route table refuses other sites' forms and fetches.
 */
export function registerPage(server: FastifyInstance, d: PageDeps): void {
  const token = randomBytes(24).toString("base64url");
  void server.register(async (app) => {
    declareAudience(app, "simulator");
    app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
      if (!d.hosts.includes(req.hostname.replace(/^\[|\]$/g, "").toLowerCase())) return reply.code(421).send({ error: "unknown host name" });
      if (req.method !== "GET" && req.method !== "HEAD" && !sameSecret(token, req.headers["x-sim-token"])) return reply.code(403).send({ error: "not from the simulator page" });
    });
    pageRoutes(app, d, token);
  });
}

function pageRoutes(server: FastifyInstance, d: PageDeps, token: string): void {
  const i18n = new I18n({ defaultLocale: "vi", fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  const wardOf = (code: string) => {
    const w = d.directory.byCode(code);
    if (!w) throw new Error(`demo ward ${code} is missing from the directory`);
    return w;
  };
  const gallery: Promise<GalleryPhoto[]> = prepareGallery(d.galleryDir, d.signingKey, d.links, wardOf, posterTexts(i18n)).catch((e: unknown) => {
    d.logger.error({ err: e }, "simulator gallery could not be made");
    return [];
  });
  const actors = new Map<string, Actor>();

  function chatsOf(p: Persona, locale: string): PageChat[] {
    if (p.channel === "zalo") return [{ key: zaloChat(p.userId), title: i18n.t(locale, "sim-chat-zalo"), kind: "zalo" }];
    const chats: PageChat[] = [{ key: telegramChat(p.userId), title: i18n.t(locale, "sim-chat-bot"), kind: "private" }];
    if (p.groupChatId && p.wardCode) chats.push({ key: telegramChat(p.groupChatId), title: i18n.t(locale, "sim-chat-group", { ward: wardOf(p.wardCode).name }), kind: "group" });
    return chats;
  }
  function actorFor(personaId: unknown, chat: unknown): Actor {
    const p = PERSONAS.find((x) => x.id === personaId);
    if (!p || !chatsOf(p, "vi").some((c) => c.key === chat)) throw new BadRequest("unknown persona or chat");
    const key = `${p.id}|${String(chat)}`;
    let actor = actors.get(key);
    if (!actor) {
      actor = p.channel === "zalo"
        ? zaloActor({ emulator: d.zalo, webhookUrl: d.zaloWebhook.url, keys: d.zaloWebhook.keys, log: d.log, persona: p })
        : telegramActor(d.telegram, p, Number(String(chat).slice(3)));
      actors.set(key, actor);
    }
    return actor;
  }
  const localeOf = (q: unknown) => ((q as { lang?: string }).lang === "en" ? "en" : "vi");
  const fail = (reply: FastifyReply, e: unknown) => {
    if (e instanceof BadRequest) return reply.code(400).send({ error: e.message });
    d.logger.error({ err: e }, "simulator action failed");
    return reply.code(502).send({ error: "the bot did not take it; see the server log" });
  };

  server.get("/", async (req, reply) => {
    const locale = localeOf(req.query);
    // Chosen on the page, the language is the personas' too; a page without ?lang leaves theirs as it is.
    if ((req.query as { lang?: string }).lang) await d.speak(locale);
    const personas = PERSONAS.map((p) => ({ id: p.id, name: p.name, role: i18n.t(locale, `sim-role-${p.id}`), channel: p.channel, chats: chatsOf(p, locale) }));
    const keys = ["sim-map-hint", "sim-empty", "sim-typing", "sim-upload_photo", "sim-ward-none", "sim-error", "sim-file-too-large", "sim-reset-confirm", "sim-online"];
    const texts = Object.fromEntries(keys.map((k) => [k, i18n.t(locale, k, { reason: "{reason}" })]));
    const photos = (await gallery).map((g) => ({ key: g.key, title: i18n.t(locale, `sim-photo-${g.key}`), megapixels: g.megapixels }));
    const t = (key: string) => i18n.t(locale, key);
    return reply.type("text/html; charset=utf-8").send(renderPage({ locale, t, personas, texts, photos, mapTileUrl: d.mapTileUrl, token }));
  });
  server.get<{ Params: { name: string } }>("/sim/assets/:name", async (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.code(404).send({ error: "not found" });
    return reply.type(asset[1]).header("cache-control", "no-cache").send(await readFile(asset[0]));
  });
  server.get("/sim/api/wards", async (_req, reply) => reply.type("application/geo+json").send(hueWardsGeoJson()));
  // The demo venues the map names, from the list the registry was seeded with; the state in words.
  server.get("/sim/api/venues", async (req) => {
    const locale = localeOf(req.query);
    const venues = DEMO_VENUES.map((v) => ({ name: v.name, address: v.address, lat: v.lat, lng: v.lng, status: v.status, state: label((key) => i18n.t(locale, key), "venueStatus", v.status) }));
    return { venues };
  });
  server.get<{ Querystring: { lat?: string; lng?: string } }>("/sim/api/locate", async (req) => {
    const ward = d.directory.locate(Number(req.query.lat), Number(req.query.lng));
    return { ward: ward ? `${fullName(ward)}, ${ward.provinceName}` : null };
  });
  server.get<{ Querystring: { persona?: string } }>("/sim/api/chats", async (req, reply) => {
    const p = PERSONAS.find((x) => x.id === req.query.persona);
    if (!p) return reply.code(400).send({ error: "unknown persona" });
    return { chats: chatsOf(p, "vi").map((c) => ({ key: c.key, messages: d.log.messages(c.key), keyboard: d.log.keyboard(c.key) })) };
  });
  server.get("/sim/api/events", (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (e: ChatEvent) => reply.raw.write(`data: ${JSON.stringify(e)}\n\n`);
    const stop = d.log.listen(send);
    const ping = setInterval(() => reply.raw.write(": ping\n\n"), 20_000);
    req.raw.on("close", () => {
      stop();
      clearInterval(ping);
    });
  });
  server.post<{ Body: Record<string, unknown> }>("/sim/api/act", async (req, reply) => {
    const b = req.body ?? {};
    try {
      const actor = actorFor(b.persona, b.chat);
      if (b.kind === "text" && typeof b.text === "string" && b.text.trim()) await actor.text(b.text.slice(0, 4096));
      else if (b.kind === "press" && typeof b.data === "string") await actor.press(b.data, String(b.messageId ?? ""));
      else if (b.kind === "location" && Number.isFinite(Number(b.lat)) && Number.isFinite(Number(b.lng))) await actor.location(Number(b.lat), Number(b.lng));
      else if (b.kind === "gallery") {
        const photo = (await gallery).find((g) => g.key === b.key);
        if (!photo) throw new BadRequest("unknown photo");
        await actor.file(await readFile(photo.file), `${photo.key}.jpg`, "image/jpeg");
      } else throw new BadRequest("unknown action");
      return { ok: true };
    } catch (e) {
      return fail(reply, e);
    }
  });
  void server.register(async (app) => {
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body));
    app.post<{ Querystring: Record<string, string | undefined> }>("/sim/api/upload", async (req, reply) => {
      const q = req.query;
      try {
        const bytes = req.body as Buffer;
        const name = (q.name ?? "file").replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120) || "file";
        await actorFor(q.persona, q.chat).file(bytes, name, (q.type ?? "").slice(0, 100) || "application/octet-stream");
        return { ok: true };
      } catch (e) {
        return fail(reply, e);
      }
    });
  });
  server.get<{ Params: { key: string } }>("/sim/api/gallery/:key", async (req, reply) => {
    const photo = (await gallery).find((g) => g.key === req.params.key);
    if (!photo) return reply.code(404).send({ error: "not found" });
    return reply.type("image/jpeg").header("cache-control", "max-age=3600").send(await sharp(photo.file).resize({ width: 360 }).jpeg({ quality: 80 }).toBuffer());
  });
  server.get<{ Params: { id: string } }>("/sim/api/file/:id", async (req, reply) => {
    const bytes = d.telegram.fileBytes(req.params.id);
    return bytes ? reply.type("image/jpeg").send(bytes) : reply.code(404).send({ error: "not found" });
  });
  server.post("/sim/api/reset", async (_req, reply) => {
    if (!(await d.reset())) return reply.code(409).send({ error: "reset only empties the simulator's own database (DATA_DIR), not MONGODB_URI" });
    actors.clear();
    return { ok: true };
  });
}
