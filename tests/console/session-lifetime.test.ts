import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_IDLE_MS, SESSION_MAX_MS } from "../../services/access/console-sessions.js";
import { consoleServer, linkToken, signIn } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { controlledClock, ticketWorld } from "../support/ticket-world.js";

describe("a console session's lifetime", () => {
  const conn = useTestDatabase();
  let shared: Awaited<ReturnType<typeof ticketWorld>>;
  beforeAll(async () => {
    shared = await ticketWorld(conn());
  });
  async function world() {
    const clock = controlledClock();
    return { ...shared, clock, server: await consoleServer(shared.stores, clock.now) };
  }

  it("ends 7 days after sign-in however busy it is", async () => {
    const w = await world();
    const sup = await signIn(w.server, w.stores, w.clock.now, await w.account("supervisor", { provinceCode: "P1" }));
    let used = 0;
    while (used + SESSION_IDLE_MS / 2 < SESSION_MAX_MS) {
      w.clock.advance(SESSION_IDLE_MS / 2);
      used += SESSION_IDLE_MS / 2;
      expect((await sup.get("/console/queue")).statusCode).toBe(200);
    }
    w.clock.advance(SESSION_MAX_MS - used + 1000);
    const late = await sup.get("/console/queue");
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain("phiên đã hết hạn");
  });

  it("signing in again gives a new session id and ends the one the browser carried", async () => {
    const w = await world();
    const officer = await w.account("officer", { wardCode: "W1" });
    const first = await signIn(w.server, w.stores, w.clock.now, officer);
    const again = await w.server.inject({ method: "POST", url: `/console/sign-in/${await linkToken(w.stores, w.clock.now, officer)}`, headers: { cookie: first.cookie } });
    expect(again.statusCode).toBe(303);
    const renewed = again.cookies.find((c) => c.name === "qr_console")!;
    expect(`qr_console=${renewed.value}`).not.toBe(first.cookie);
    expect((await first.get("/console/queue")).statusCode).toBe(401);
    expect((await w.server.inject({ method: "GET", url: "/console/queue", headers: { cookie: `qr_console=${renewed.value}` } })).statusCode).toBe(200);
  });

  it("a sign-in form posted from another site is refused and leaves the link unspent", async () => {
    const w = await world();
    const token = await linkToken(w.stores, w.clock.now, await w.account("officer", { wardCode: "W1" }));
    for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }]) {
      const forged = await w.server.inject({ method: "POST", url: `/console/sign-in/${token}`, headers });
      expect(forged.statusCode).toBe(403);
      expect(forged.body).toContain("được gửi từ một trang web khác");
      expect(forged.cookies).toEqual([]);
    }
    const own = await w.server.inject({ method: "POST", url: `/console/sign-in/${token}`, headers: { origin: "http://127.0.0.1:8080", host: "127.0.0.1:8080", "sec-fetch-site": "same-origin" } });
    expect(own.statusCode).toBe(303);
  });
});
