import { beforeAll, describe, expect, it } from "vitest";
import { MAP_DEFAULT_DAYS } from "../../console/map-page.js";
import { addDays, vietnamDay } from "../../services/text/vietnam-day.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { addVenues } from "../support/activity-world.js";
import { consoleServer, signIn } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { controlledClock, ticketWorld, WARDS } from "../support/ticket-world.js";

const HOUR = 3600e3;
type MapData = { tickets: [string, number, number, number, number, string, string, 0 | 1][]; states: { key: string }[]; wards: Record<string, string> };

describe("the map's data", () => {
  const conn = useTestDatabase();
  const clock = controlledClock(new Date("2026-11-10T02:00:00Z"));
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let server: Awaited<ReturnType<typeof consoleServer>>;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    w = await ticketWorld(conn(), clock);
    // A square boundary for W1, with a wiggle of points the simplification may drop.
    const ring = [[107.5, 16.4], [107.55, 16.4001], [107.6, 16.4], [107.6, 16.5], [107.5, 16.5], [107.5, 16.4]];
    await w.stores.wards.upsertMany(
      WARDS.map((x) => ({ ...x, kind: "Phường", provinceName: x.provinceCode, searchKey: x.name, source: "test", unitHash: `${x.code}b`, ...(x.code === "W1" ? { boundaryGeoJson: JSON.stringify({ type: "Polygon", coordinates: [ring] }), boundaryHash: "b" } : {}) })),
      new Set(WARDS.map((x) => x.code)),
    );
    await addVenues(w, "S", "W1", 3);
    server = await consoleServer(w.stores, clock.now);
    const officer = await w.account("officer", { wardCode: "W1" });
    numbers.w1new = (await w.ticket("new", { wardCode: "W1" })).number;
    const acked = await w.ticket("new", { wardCode: "W1" });
    numbers.w1ack = acked.number;
    numbers.w2 = (await w.ticket("new", { wardCode: "W2" })).number;
    numbers.w3 = (await w.ticket("new", { wardCode: "W3", provinceCode: "P2" })).number;
    clock.advance(HOUR);
    expect((await transitionTicket(w.deps, officer.id, acked.id, { kind: "acknowledge" })).ok).toBe(true);
    // Past the 24 h acknowledge deadline of the tickets still new.
    clock.advance(30 * HOUR);
  });

  const data = async (client: { get(u: string): Promise<{ statusCode: number; body: string }> }, query = "") => {
    const res = await client.get(`/console/map/tickets.json${query}`);
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body) as MapData;
  };
  const numbersOf = (d: MapData) => d.tickets.map((r) => r[0]).sort();

  it("a supervisor's map has the province's tickets, following the queue's filter", async () => {
    const supervisor = await signIn(server, w.stores, clock.now, await w.account("supervisor", { provinceCode: "P1" }), "/console/map");
    const page = await supervisor.get("/console/map?state=new&ward=W1");
    expect(page.statusCode).toBe(200);
    // Without dates, the last 90 days (the form shows the day it starts from).
    const from = addDays(vietnamDay(clock.now()), -(MAP_DEFAULT_DAYS - 1));
    expect(page.body).toContain(`data-tickets="/console/map/tickets.json?state=new&amp;ward=W1&amp;from=${from}"`);
    expect(page.body).toContain(`name="from" value="${from}"`);
    expect(page.body).toContain('<script src="/console/assets/leaflet.markercluster.js" defer></script>');
    expect(page.body).not.toContain("data-silent=\"/console");
    expect(numbersOf(await data(supervisor))).toEqual([numbers.w1new, numbers.w1ack, numbers.w2].sort());
    expect(numbersOf(await data(supervisor, "?state=new&ward=W1"))).toEqual([numbers.w1new]);
    const overdue = await data(supervisor, "?overdue=1");
    expect(numbersOf(overdue)).toEqual([numbers.w1new, numbers.w2].sort());
    expect(overdue.tickets.every((r) => r[7] === 1)).toBe(true);
    const row = (await data(supervisor, "?state=acknowledged")).tickets[0]!;
    expect(row.slice(0, 8)).toEqual([numbers.w1ack, 16.47, 107.58, 1, 0, "W1", "2026-11-10", 0]);
    expect((await data(supervisor)).wards).toEqual({ W1: "Phường Phú Xuân", W2: "Phường Thuận Hóa" });
  });

  it("an officer sees only their ward's tickets, whatever the query asks; another province's staff none of these", async () => {
    const officer = await signIn(server, w.stores, clock.now, await w.account("officer", { wardCode: "W2" }), "/console/map");
    expect(numbersOf(await data(officer, "?ward=W1"))).toEqual([numbers.w2]);
    const enforcement = await signIn(server, w.stores, clock.now, await w.account("enforcement", { provinceCode: "P2" }), "/console/map");
    expect(numbersOf(await data(enforcement))).toEqual([numbers.w3]);
    expect((await officer.get("/console/map/silent.json")).statusCode).toBe(403);
  });

  it("the province's boundaries come simplified, the officer's own ward marked", async () => {
    const officer = await signIn(server, w.stores, clock.now, await w.account("officer", { wardCode: "W1" }), "/console/map");
    const fc = JSON.parse((await officer.get("/console/map/wards.json")).body) as { own: string; features: { properties: { code: string; name: string }; geometry: { type: string; coordinates: number[][][][] } }[] };
    expect(fc.own).toBe("W1");
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.properties).toEqual({ code: "W1", name: "Phường Phú Xuân" });
    expect(fc.features[0]!.geometry.type).toBe("MultiPolygon");
    expect(fc.features[0]!.geometry.coordinates[0]![0]).toHaveLength(5);
  });

  it("by default shows the last 90 days; an older ticket appears once the viewer picks dates that include it", async () => {
    const now = clock.now();
    clock.set(new Date(now.getTime() - 100 * 24 * HOUR));
    const old = await w.ticket("new", { wardCode: "W1" });
    const oldDay = vietnamDay(clock.now());
    clock.set(now);
    const supervisor = await signIn(server, w.stores, clock.now, await w.account("supervisor", { provinceCode: "P1" }), "/console/map");
    expect(numbersOf(await data(supervisor))).toEqual([numbers.w1new, numbers.w1ack, numbers.w2].sort());
    expect(numbersOf(await data(supervisor, `?from=${oldDay}`))).toEqual([old.number, numbers.w1new, numbers.w1ack, numbers.w2].sort());
    expect(numbersOf(await data(supervisor, `?to=${oldDay}`))).toEqual([old.number]);
  });

  it("the registry's keeper gets boundaries and silent venues but no tickets; strangers get 401", async () => {
    const keeper = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P1" }), "/console/map");
    const page = await keeper.get("/console/map");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-tickets=""');
    expect(page.body).toContain('data-silent="/console/map/silent.json?province=P1"');
    expect((await keeper.get("/console/map/tickets.json")).statusCode).toBe(403);
    const silent = JSON.parse((await keeper.get("/console/map/silent.json")).body) as { venues: unknown[][] };
    expect(silent.venues.map((v) => v[0]).sort()).toEqual(["S-01", "S-02", "S-03", "V-1"]);
    expect(silent.venues.find((v) => v[0] === "S-01")).toEqual(["S-01", "Cơ sở S-01", "1 Lê Lợi", 16.46, 107.59, ""]);
    const keeper2 = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P2" }), "/console/map");
    expect(JSON.parse((await keeper2.get("/console/map/silent.json?province=P1")).body).venues).toEqual([]);
    const anonymous = await server.inject({ method: "GET", url: "/console/map/tickets.json" });
    expect(anonymous.statusCode).toBe(401);
    expect(JSON.parse(anonymous.body).error).toContain("chưa đăng nhập");
  });
});
