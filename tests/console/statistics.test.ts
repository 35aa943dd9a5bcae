import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { transitionTicket } from "../../services/tickets/transition.js";
import { consoleServer, linkToken, signIn } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { controlledClock, ticketWorld } from "../support/ticket-world.js";

const HOUR = 3600e3;

/** The cells of the table under one chart, header first, as the page shows them. */
function tableOf(page: string, chart: string): string[][] {
  const section = page.split(`id="chart-${chart}"`)[1]!.split("</section>")[0]!;
  return [...section.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!));
}

describe("the statistics page", () => {
  const conn = useTestDatabase();
  const clock = controlledClock(new Date("2026-11-10T02:00:00Z"));
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let server: Awaited<ReturnType<typeof consoleServer>>;

  beforeAll(async () => {
    w = await ticketWorld(conn(), clock);
    server = await consoleServer(w.stores, clock.now);
    const officer1 = await w.account("officer", { wardCode: "W1" });
    const officer2 = await w.account("officer", { wardCode: "W2" });
    const act = async (who: string, id: string, kind: "acknowledge" | "start_inspection") => expect((await transitionTicket(w.deps, who, id, { kind })).ok).toBe(true);
    // W1: one ticket acknowledged after 2 h and closed after 30 h (on time), one left new (overdue later).
    const a = await w.ticket("new", { wardCode: "W1" });
    await w.ticket("new", { wardCode: "W1" });
    const c = await w.ticket("new", { wardCode: "W2", venueCode: undefined });
    await w.ticket("new", { wardCode: "W3", provinceCode: "P2" });
    clock.advance(2 * HOUR);
    await act(officer1.id, a.id, "acknowledge");
    await act(officer1.id, a.id, "start_inspection");
    clock.advance(10 * HOUR);
    await act(officer2.id, c.id, "acknowledge");
    clock.advance(18 * HOUR);
    expect((await transitionTicket(w.deps, officer1.id, a.id, { kind: "close", outcome: "no_violation" })).ok).toBe(true);
    // The reporter is satisfied with how it closed (issue 17): the satisfaction charts count it.
    expect((await transitionTicket(w.deps, w.reporter.id, a.id, { kind: "rate", satisfied: true })).ok).toBe(true);
    clock.advance(3 * 24 * HOUR);
  });

  const period = "from=2026-11-01&to=2026-11-30";

  it("a supervisor sees the province by ward, and each chart's CSV holds exactly the numbers in its table", async () => {
    const supervisor = await signIn(server, w.stores, clock.now, await w.account("supervisor", { provinceCode: "P1" }), "/console/statistics");
    const page = await supervisor.get(`/console/statistics?${period}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Mở 3 · đã đóng 1 · quá hạn 1");
    expect(page.body).toContain("<title id=\"wards-title\">Số báo cáo theo phường/xã</title>");
    const shown = tableOf(page.body, "wards");
    expect(shown).toEqual([
      ["Phường/xã", "Đã mở", "Đã đóng"],
      ["Phường Phú Xuân", "2", "1"],
      ["Phường Thuận Hóa", "1", "0"],
    ]);
    for (const chart of ["wards", "states", "types", "weeks", "medians", "ontime", "weeks-ontime", "satisfaction", "satisfaction-outcome"]) {
      const csv = await supervisor.get(`/console/statistics/${chart}.csv?${period}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const rows = parse(csv.body, { bom: true }) as string[][];
      const table = tableOf(page.body, chart);
      expect(rows[0]).toEqual(table[0]);
      // The page writes figures for people (1 decimal, comma, units; "—" for none); the CSV the plain numbers.
      const plain = (cell: string) => (cell === "—" ? "" : cell.replace(/(&nbsp;| )?(giờ|%)$/, "").replace(/\s+giờ$/, "").replace(",", "."));
      expect(rows.slice(1)).toEqual(table.slice(1).map((r) => [r[0], ...r.slice(1).map(plain)]));
    }
    const medians = parse((await supervisor.get(`/console/statistics/medians.csv?${period}`)).body, { bom: true }) as string[][];
    expect(medians[1]).toEqual(["Phường Phú Xuân", "2", "30"]);
    expect(medians[2]).toEqual(["Phường Thuận Hóa", "12", ""]);
    const satisfied = parse((await supervisor.get(`/console/statistics/satisfaction.csv?${period}`)).body, { bom: true }) as string[][];
    expect(satisfied.slice(1)).toEqual([["Phường Phú Xuân", "100"], ["Phường Thuận Hóa", ""]]);
  });

  it("an officer sees only their ward; an administrator picks the province", async () => {
    const officer = await signIn(server, w.stores, clock.now, await w.account("officer", { wardCode: "W2" }), "/console/statistics");
    const wards = parse((await officer.get(`/console/statistics/wards.csv?${period}`)).body, { bom: true }) as string[][];
    expect(wards.slice(1)).toEqual([["Phường Thuận Hóa", "1", "0"]]);
    expect((await officer.get(`/console/statistics?${period}&province=P2`)).body).toContain("Mở 1 · đã đóng 0");

    const admin = await signIn(server, w.stores, clock.now, await w.account("admin"), "/console/statistics");
    const p2 = parse((await admin.get(`/console/statistics/wards.csv?${period}&province=P2`)).body, { bom: true }) as string[][];
    expect(p2.slice(1)).toEqual([["Phường Hải Châu", "1", "0"]]);
  });

  it("refuses the registry's keeper, strangers and residents, and answers a bad date politely", async () => {
    const keeper = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P1" }), "/console/statistics");
    expect((await keeper.get("/console/statistics")).statusCode).toBe(403);
    expect((await keeper.get(`/console/statistics/wards.csv?${period}`)).statusCode).toBe(403);
    expect((await server.inject({ method: "GET", url: "/console/statistics" })).statusCode).toBe(401);
    expect((await server.inject({ method: "GET", url: "/console/statistics/wards.csv" })).statusCode).toBe(401);
    await expect(linkToken(w.stores, clock.now, await w.account("resident"))).rejects.toThrow();
    const supervisor = await signIn(server, w.stores, clock.now, await w.account("supervisor", { provinceCode: "P1" }), "/console/statistics");
    const bad = await supervisor.get("/console/statistics?from=2026-13-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Ngày không hợp lệ");
    expect((await supervisor.get(`/console/statistics/nope.csv?${period}`)).statusCode).toBe(404);
  });
});
