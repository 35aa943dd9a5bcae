import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.js";
import { openTicket } from "../../services/tickets/open-ticket.js";
import { consoleServer, signIn, type ConsoleClient } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { ticketWorld } from "../support/ticket-world.js";

describe("what each console user reaches, and no further", () => {
  const conn = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let server: Awaited<ReturnType<typeof consoleServer>>;
  const as = async (role: Parameters<typeof w.account>[0], scope: Parameters<typeof w.account>[1] = {}): Promise<ConsoleClient> =>
    signIn(server, w.stores, w.clock.now, await w.account(role, scope), role === "registry" ? "/console/venues" : "/console/queue");

  beforeAll(async () => {
    w = await ticketWorld(conn());
    server = await consoleServer(w.stores, w.clock.now);
  });

  it("the registry's keeper sees a venue's inspection tickets, not the residents' reports about it", async () => {
    const residents = await w.ticket("new", { venueCode: "V-1" });
    const at = w.clock.now();
    const inspection = await openTicket(w.stores, { violationType: "no_poster", source: "inspection", wardCode: "W1", provinceCode: "P1", venueCode: "V-1", verdict: "no_code", event: { at, actorRole: "system", action: "opened", to: "new" } }, "INS-0001");
    const keeper = await as("registry", { provinceCode: "P1" });
    const page = await keeper.get("/console/venues/V-1");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(inspection.number);
    expect(page.body).not.toContain(residents.number);
    // The province's supervisor still sees both.
    const officerPage = await (await as("supervisor", { provinceCode: "P1" })).get("/console/venues/V-1");
    expect(officerPage.body).toContain(residents.number);
  });

  it("a ticket is transferred only to a ward of its own province, whatever the form says", async () => {
    const tk = await w.ticket("new");
    const sup = await as("supervisor", { provinceCode: "P1" });
    const away = await sup.post(`/console/tickets/${tk.number}/action`, { op: "transfer", ward: "W3", version: String(tk.version) });
    expect(away.headers.location).toBe(`/console/tickets/${tk.number}?refused=invalid_target`);
    expect((await w.stores.tickets.byId(tk.id))!.state).toBe("new");
    const next = await sup.post(`/console/tickets/${tk.number}/action`, { op: "transfer", ward: "W2", version: String(tk.version) });
    expect(next.statusCode).toBe(303);
    expect((await w.stores.tickets.byId(tk.id))!.state).toBe("not_our_ward");
  });

  it("bulk answers read alike for a ticket outside the scope and one that does not exist", async () => {
    const elsewhere = await w.ticket("new", { wardCode: "W3", provinceCode: "P2" });
    const officer = await as("officer", { wardCode: "W1" });
    const res = await officer.post("/console/queue/bulk", { action: "acknowledge", id: [elsewhere.id, "0123456789abcdef01234567"] });
    const refusals = [...res.body.matchAll(/<li class="refused">([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(refusals).toEqual(["—: Không được phép hoặc không tìm thấy báo cáo này.", "—: Không được phép hoặc không tìm thấy báo cáo này."]);
    expect((await w.stores.tickets.byId(elsewhere.id))!.state).toBe("new");
  });

  it("PUBLIC_URL is required where others reach the server, so no link is built from a request's Host", () => {
    expect(() => loadConfig({ HTTP_HOST: "0.0.0.0" })).toThrow(/PUBLIC_URL: required when HTTP_HOST is not a loopback address/);
    expect(loadConfig({ HTTP_HOST: "0.0.0.0", PUBLIC_URL: "https://qr.hue.gov.vn/" }).publicUrl).toBe("https://qr.hue.gov.vn");
    expect(loadConfig({ HTTP_HOST: "0.0.0.0", BOT_TOKEN: "1:a", BOT_MODE: "webhook", WEBHOOK_URL: "https://qr.hue.gov.vn/tg", WEBHOOK_SECRET: "s".repeat(16) }).publicUrl).toBe("https://qr.hue.gov.vn");
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });
});
