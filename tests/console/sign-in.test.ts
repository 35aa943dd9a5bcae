import { beforeAll, describe, expect, it } from "vitest";
import type { ConsolePage } from "../../console/context.js";
import { html } from "../../console/html.js";
import { SESSION_IDLE_MS } from "../../services/access/console-sessions.js";
import { CONSOLE_LINK_TTL_MS } from "../../services/access/console-links.js";
import { consoleServer, linkToken, signIn } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { controlledClock, ticketWorld } from "../support/ticket-world.js";

/** A page that shows who is signed in, and a form that changes nothing but needs the token. */
const probe: ConsolePage = (app, c) => {
  app.get("/probe", async (request, reply) => {
    const v = c.viewer(request);
    return c.page(reply, v, { title: "probe", body: html`<p id="who">${v.account.role} ${v.account.displayName}</p>` });
  });
  app.post("/probe", async () => ({ ok: true }));
};

describe("signing in to the console", () => {
  const conn = useTestDatabase();

  let shared: Awaited<ReturnType<typeof ticketWorld>>;
  beforeAll(async () => {
    shared = await ticketWorld(conn());
  });
  /** The shared stores, with a console and a clock of the test's own. */
  async function world() {
    const clock = controlledClock();
    const server = await consoleServer(shared.stores, clock.now, {}, [probe]);
    return { ...shared, clock, server };
  }

  it("a link opens a session once; the page shows who is signed in with the escaped name", async () => {
    const w = await world();
    const officer = await w.account("officer", { wardCode: "W1" });
    const token = await linkToken(w.stores, w.clock.now, officer);
    const landing = await w.server.inject({ method: "GET", url: `/console/sign-in/${token}` });
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain("<form method=\"post\"");
    const first = await w.server.inject({ method: "POST", url: `/console/sign-in/${token}` });
    expect(first.statusCode).toBe(303);
    const cookie = first.cookies.find((c) => c.name === "qr_console")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.secure).toBeFalsy();
    const again = await w.server.inject({ method: "POST", url: `/console/sign-in/${token}` });
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain("đã được sử dụng");
    const home = await w.server.inject({ method: "GET", url: "/console", headers: { cookie: `qr_console=${cookie.value}` } });
    expect(home.headers.location).toBe("/console/queue");
    const page = await w.server.inject({ method: "GET", url: "/console/probe", headers: { cookie: `qr_console=${cookie.value}` } });
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain(`officer ${officer.displayName}`);
    expect(page.body).toContain("Phường Phú Xuân");
  });

  it("an expired link and an unknown one are refused; a resident gets no link", async () => {
    const w = await world();
    const officer = await w.account("officer", { wardCode: "W1" });
    const token = await linkToken(w.stores, w.clock.now, officer);
    w.clock.advance(CONSOLE_LINK_TTL_MS + 1000);
    const late = await w.server.inject({ method: "POST", url: `/console/sign-in/${token}` });
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain("đã hết hạn");
    const unknown = await w.server.inject({ method: "POST", url: "/console/sign-in/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", headers: { "accept-language": "en-GB,en;q=0.8" } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toContain("This sign-in link is not valid.");
    await expect(linkToken(w.stores, w.clock.now, w.reporter)).rejects.toThrow(/no console link/);
  });

  it("Secure cookies when the console's public address is https", async () => {
    const clock = controlledClock();
    const w = shared;
    const server = await consoleServer(w.stores, clock.now, { publicUrl: "https://qr.example.vn" }, [probe]);
    const token = await linkToken(w.stores, clock.now, await w.account("supervisor", { provinceCode: "P1" }));
    const res = await server.inject({ method: "POST", url: `/console/sign-in/${token}` });
    expect(res.cookies.find((c) => c.name === "qr_console")!.secure).toBe(true);
  });

  it("a POST without the CSRF token is refused; with it, it passes", async () => {
    const w = await world();
    const client = await signIn(w.server, w.stores, w.clock.now, await w.account("officer", { wardCode: "W1" }), "/console/probe");
    expect(client.csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const without = await client.post("/console/probe", {}, { csrf: false });
    expect(without.statusCode).toBe(403);
    expect(without.body).toContain("mã bảo vệ biểu mẫu");
    const wrong = await client.post("/console/probe", { _csrf: "x".repeat(32) }, { csrf: false });
    expect(wrong.statusCode).toBe(403);
    expect((await client.post("/console/probe")).statusCode).toBe(200);
  });

  it("sign-out ends the session; an idle session ends after 8 hours", async () => {
    const w = await world();
    const client = await signIn(w.server, w.stores, w.clock.now, await w.account("enforcement", { provinceCode: "P1" }), "/console/probe");
    expect((await client.post("/console/sign-out")).headers.location).toBe("/console/signed-out");
    expect((await client.get("/console/probe")).statusCode).toBe(401);

    const idle = await signIn(w.server, w.stores, w.clock.now, await w.account("admin"), "/console/probe");
    w.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await idle.get("/console/probe")).statusCode).toBe(200);
    w.clock.advance(SESSION_IDLE_MS + 1);
    expect((await idle.get("/console/probe")).statusCode).toBe(401);
  });

  it("a revoked account's sessions end at its next request, every one of them", async () => {
    const w = await world();
    const officer = await w.account("officer", { wardCode: "W1" });
    const a = await signIn(w.server, w.stores, w.clock.now, officer, "/console/probe");
    const b = await signIn(w.server, w.stores, w.clock.now, officer, "/console/probe");
    await w.stores.accounts.revoke(officer.id, w.clock.now());
    const refused = await a.get("/console/probe");
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain("không còn quyền");
    expect((await b.get("/console/probe")).statusCode).toBe(401);
    // The same when a staff member goes back to being a resident.
    const former = await w.account("supervisor", { provinceCode: "P1" });
    const c = await signIn(w.server, w.stores, w.clock.now, former, "/console/probe");
    await w.stores.accounts.grantRole(former.id, "resident", {});
    expect((await c.get("/console/probe")).statusCode).toBe(401);
  });

  it("the language switch turns the layout English and back", async () => {
    const w = await world();
    const client = await signIn(w.server, w.stores, w.clock.now, await w.account("officer", { wardCode: "W1" }), "/console/probe");
    expect((await client.get("/console/probe")).body).toContain("Đăng xuất");
    await client.post("/console/language", { to: "en" });
    const en = await client.get("/console/probe");
    expect(en.body).toContain("Sign out");
    expect(en.body).toContain('lang="en"');
  });
});
