import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../models/ticket.js";
import { consoleServer, signIn, type ConsoleClient } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { ticketWorld } from "../support/ticket-world.js";

const numbersIn = (body: string) => [...body.matchAll(/<a href="\/console\/tickets\/([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!));
const csvNumbers = (body: string) => (parse(body.replace(/^\uFEFF/, ""), { columns: true }) as { number: string }[]).map((r) => r.number);

describe("the console's queue", () => {
  const conn = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let server: Awaited<ReturnType<typeof consoleServer>>;
  let t: Record<string, Ticket>;
  const as = async (role: Parameters<typeof w.account>[0], scope: Parameters<typeof w.account>[1] = {}): Promise<ConsoleClient> =>
    signIn(server, w.stores, w.clock.now, await w.account(role, scope));

  beforeAll(async () => {
    w = await ticketWorld(conn());
    server = await consoleServer(w.stores, w.clock.now);
    t = {
      w1new: await w.ticket("new"),
      w1ack: await w.ticket("acknowledged"),
      w2new: await w.ticket("new", { wardCode: "W2" }),
      p2new: await w.ticket("new", { wardCode: "W3", provinceCode: "P2" }),
    };
    w.clock.advance(3 * 24 * 3600e3);
    t.w1later = await w.ticket("no_violation");
  });

  it("each role sees its scope: an officer its ward, supervisors and enforcement their province, an administrator all, the keeper no residents' reports", async () => {
    const all = Object.values(t).map((x) => x.number);
    expect(numbersIn((await (await as("officer", { wardCode: "W1" })).get("/console/queue")).body).sort()).toEqual([t.w1new, t.w1ack, t.w1later].map((x) => x!.number).sort());
    for (const role of ["supervisor", "enforcement"] as const) {
      const seen = numbersIn((await (await as(role, { provinceCode: "P1" })).get("/console/queue")).body);
      expect(seen.sort()).toEqual(all.filter((n) => n !== t.p2new!.number).sort());
    }
    expect(numbersIn((await (await as("admin")).get("/console/queue")).body).sort()).toEqual(all.sort());
    // The keeper's scope is its province's inspection tickets (to confirm closures): residents' reports never show.
    const keeper = await (await as("registry", { provinceCode: "P1" })).get("/console/queue");
    expect(keeper.statusCode).toBe(200);
    expect(numbersIn(keeper.body)).toEqual([]);
    const keeperCsv = await (await as("registry", { provinceCode: "P1" })).get("/console/queue.csv");
    expect(keeperCsv.body.trim().split("\n")).toHaveLength(1);
  });

  it("filters by state, type, ward, verdict, dates and overdue; newest first by default, sortable", async () => {
    const sup = await as("supervisor", { provinceCode: "P1" });
    expect(numbersIn((await sup.get("/console/queue?state=new")).body).sort()).toEqual([t.w1new!.number, t.w2new!.number].sort());
    const w2 = (await sup.get("/console/queue?ward=W2")).body;
    expect(numbersIn(w2)).toEqual([t.w2new!.number]);
    expect(w2).toContain("Quán Bún Bò Mệ Kéo");
    expect(numbersIn((await sup.get("/console/queue?state=new,acknowledged&ward=W1")).body).sort()).toEqual([t.w1new!.number, t.w1ack!.number].sort());
    expect(numbersIn((await sup.get("/console/queue?type=wrong_info")).body)).toEqual([]);
    expect(numbersIn((await sup.get("/console/queue?verdict=no_code")).body)).toHaveLength(4);
    const day = new Date(w.clock.now().getTime() + 7 * 3600e3).toISOString().slice(0, 10);
    expect(numbersIn((await sup.get(`/console/queue?from=${day}&to=${day}`)).body)).toEqual([t.w1later!.number]);
    // Three days on, the new ones missed their 24 h to acknowledge; the acknowledged one has 7 days to close.
    expect(numbersIn((await sup.get("/console/queue?overdue=1")).body).sort()).toEqual([t.w1new, t.w2new].map((x) => x!.number).sort());
    const newestFirst = numbersIn((await sup.get("/console/queue")).body);
    expect(newestFirst[0]).toBe(t.w1later!.number);
    const oldestFirst = numbersIn((await sup.get("/console/queue?sort=openedAt")).body);
    expect(oldestFirst.at(-1)).toBe(t.w1later!.number);
  });

  it("input it cannot use is named and left out, never an error; another ward's code is not a way out of scope", async () => {
    const officer = await as("officer", { wardCode: "W1" });
    const res = await officer.get("/console/queue?state=bogus&from=2026-02-30&sort=%24where&page=-3&ward=W3&overdue[$ne]=1&type[]=x");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Đã bỏ qua giá trị không hợp lệ của bộ lọc “state”: bogus");
    expect(res.body).toContain("2026-02-30");
    expect(numbersIn(res.body).sort()).toEqual([t.w1new, t.w1ack, t.w1later].map((x) => x!.number).sort());
    expect(res.body).not.toContain(t.p2new!.number);
  });

  it("the CSV export is exactly the filtered list, in the same order", async () => {
    const sup = await as("supervisor", { provinceCode: "P1" });
    for (const q of ["", "state=new", "ward=W1&sort=number", "overdue=1&sort=-number", "type=wrong_info"]) {
      const page = numbersIn((await sup.get(`/console/queue?${q}`)).body);
      const csv = await sup.get(`/console/queue.csv?codes=1&${q}`);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csvNumbers(csv.body)).toEqual(page);
    }
    const rows = parse((await sup.get("/console/queue.csv?codes=1&ward=W2")).body.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ number: t.w2new!.number, ward: "Phường Thuận Hóa", state: "new", overdue: "yes", venue: "Quán Bún Bò Mệ Kéo" });
    // For people: the same row under headers and values in words.
    const people = parse((await sup.get("/console/queue.csv?ward=W2")).body.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(people[0]).toMatchObject({ "Số báo cáo": t.w2new!.number, "Phường/xã": "Phường Thuận Hóa", "Trạng thái": "mới", "Quá hạn": "có", "Cơ sở": "Quán Bún Bò Mệ Kéo" });
  });

  it("bulk acknowledge goes ticket by ticket: done, refused for state, refused (unnamed) outside the ward", async () => {
    const a = await w.ticket("new");
    const officer = await as("officer", { wardCode: "W1" });
    const res = await officer.post("/console/queue/bulk", { action: "acknowledge", id: [a.id, t.w1ack!.id, t.p2new!.id, "nonsense"] });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`${a.number}: đã tiếp nhận`);
    expect(res.body).toContain(`${t.w1ack!.number}: Thao tác này không còn phù hợp`);
    expect(res.body).toContain("—: Không được phép hoặc không tìm thấy báo cáo này.");
    expect(res.body).not.toContain(t.p2new!.number);
    expect((await w.stores.tickets.byId(a.id))!.state).toBe("acknowledged");
    expect((await w.stores.tickets.byId(t.p2new!.id))!.state).toBe("new");
    expect((await w.stores.audit.of("ticket", a.id)).map((e) => e.action)).toContain("acknowledge");
  });

  it("bulk transfer and duplicate go through the transition too; enforcement and admins may not, and without the CSRF token nothing happens", async () => {
    const [x, y, orig] = [await w.ticket("new"), await w.ticket("new"), await w.ticket("new")];
    const sup = await as("supervisor", { provinceCode: "P1" });
    const moved = await sup.post("/console/queue/bulk", { action: "transfer", ward: "W2", id: x.id });
    expect(moved.body).toContain(`${x.number}: chuyển phường/xã khác`);
    expect((await w.stores.tickets.byNumber(`${x.number}-T`))!.wardCode).toBe("W2");
    const dup = await sup.post("/console/queue/bulk", { action: "duplicate", original: orig.number.toLowerCase(), id: y.id });
    expect(dup.body).toContain(`${y.number}: trùng báo cáo khác`);
    expect((await w.stores.tickets.byId(y.id))!.duplicateOf).toBe(orig.number);

    for (const role of ["enforcement", "admin"] as const) {
      const c = await as(role, role === "admin" ? {} : { provinceCode: "P1" });
      const r = await c.post("/console/queue/bulk", { action: "acknowledge", id: orig.id });
      expect(r.body).toContain("Xin lỗi, bạn không có quyền");
      expect((await c.get("/console/queue")).body).not.toContain('value="acknowledge"');
    }
    const noToken = await sup.post("/console/queue/bulk", { action: "acknowledge", id: orig.id }, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect((await w.stores.tickets.byId(orig.id))!.state).toBe("new");
    expect((await sup.post("/console/queue/bulk", { action: "explode", id: orig.id })).statusCode).toBe(400);
  });

  it("pages of 50", async () => {
    for (let i = 0; i < 52; i++) await w.ticket("new", { wardCode: "W2" });
    const sup = await as("supervisor", { provinceCode: "P1" });
    const first = await sup.get("/console/queue?ward=W2&sort=number");
    expect(numbersIn(first.body)).toHaveLength(50);
    expect(first.body).toContain("trang 1/2");
    const second = numbersIn((await sup.get("/console/queue?ward=W2&sort=number&page=2")).body);
    expect(second.length).toBeGreaterThanOrEqual(3);
    expect(new Set([...numbersIn(first.body), ...second]).size).toBe(50 + second.length);
  });
});
