import { beforeAll, describe, expect, it } from "vitest";
import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { complianceOf } from "../../services/registry/compliance.js";
import { complianceCsv } from "../../services/registry/compliance-csv.js";
import { addVenues } from "../support/activity-world.js";
import { consoleServer, signIn, type ConsoleClient } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { controlledClock, ticketWorld } from "../support/ticket-world.js";

const BOUNDARY = "----views-test";

/** A browser's file upload: one multipart part named "file". */
function upload(client: ConsoleClient, server: Awaited<ReturnType<typeof consoleServer>>, kind: string, csv: string, csrf = client.csrf) {
  const payload = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${kind}.csv"\r\ncontent-type: text/csv\r\n\r\n${csv}\r\n--${BOUNDARY}--\r\n`;
  return server.inject({
    method: "POST", url: `/console/venues/import?kind=${kind}&_csrf=${encodeURIComponent(csrf)}`,
    headers: { cookie: client.cookie, "content-type": `multipart/form-data; boundary=${BOUNDARY}` }, payload,
  });
}

describe("the venue and compliance pages", () => {
  const conn = useTestDatabase();
  const clock = controlledClock(new Date("2026-11-23T03:00:00Z"));
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let server: Awaited<ReturnType<typeof consoleServer>>;

  beforeAll(async () => {
    w = await ticketWorld(conn(), clock);
    await addVenues(w, "S", "W1", 3);
    await addVenues(w, "Q", "W3", 2);
    await w.ticket("new", { wardCode: "W1", venueCode: "V-1" });
    server = await consoleServer(w.stores, clock.now, { posters: { signingKey: "views-test-signing-key-0123456789", links: { telegram: "https://t.me/qr_test_bot" } } });
  });

  it("the province's staff look venues up in their province only, read only", async () => {
    const supervisor = await signIn(server, w.stores, clock.now, await w.account("supervisor", { provinceCode: "P1" }), "/console/venues");
    const list = await supervisor.get("/console/venues");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Quán Bún Bò Mệ Kéo");
    expect(list.body).toContain("S-03");
    expect(list.body).not.toContain("Q-01");
    expect(list.body).not.toContain("/console/venues/import");
    const record = await supervisor.get("/console/venues/V-1");
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain("Phường Phú Xuân");
    expect(record.body).toContain("Báo cáo về cơ sở này (1)");
    expect(record.body).toMatch(/<a href="\/console\/tickets\/T-[0-9A-F]+-\d+">/);
    expect(record.body).not.toContain("poster.png");
    expect((await supervisor.get("/console/venues/Q-01")).statusCode).toBe(404);
    expect((await supervisor.get("/console/venues/V-1/poster.png")).statusCode).toBe(403);
    expect((await supervisor.get("/console/venues/import")).statusCode).toBe(403);
    expect((await supervisor.get("/console/compliance")).statusCode).toBe(403);
    const officer = await signIn(server, w.stores, clock.now, await w.account("officer", { wardCode: "W1" }), "/console/map");
    expect((await officer.get("/console/venues")).statusCode).toBe(403);
    expect((await officer.get("/console/venues/V-1")).statusCode).toBe(403);
    expect((await server.inject({ method: "GET", url: "/console/venues" })).statusCode).toBe(401);
  });

  it("the keeper renders posters of their province's venues", async () => {
    const keeper = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P1" }), "/console/venues");
    const png = await keeper.get("/console/venues/S-01/poster.png");
    expect(png.statusCode).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const pdf = await keeper.get("/console/venues/S-01/poster.pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await keeper.get("/console/venues/Q-01/poster.png")).statusCode).toBe(404);
    expect((await keeper.get("/console/venues/S-01/poster.svg")).statusCode).toBe(404);
  });

  it("the keeper's venue upload gives the CLI's per-line report and cannot touch another province", async () => {
    const keeper = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P1" }), "/console/venues");
    const csv = [
      "code,name,address,category,ward_code,lat,lng,status,qr_payloads",
      "N-01,Khách sạn Vỹ Dạ Xưa,3 Nguyễn Sinh Cung,hotel_guesthouse,W1,16.47,107.6,active,",
      "N-02,Quán mới,1 Lê Lợi,bakery,W1,16.47,107.6,active,",
      "N-03,Quán Đà Nẵng,1 Bạch Đằng,restaurant_cafe,W3,16.07,108.22,active,",
      "Q-01,Cướp mã,9 Lê Lợi,restaurant_cafe,W1,16.47,107.6,active,",
    ].join("\n");
    expect((await upload(keeper, server, "venues", csv, "wrong")).statusCode).toBe(403);
    const res = await upload(keeper, server, "venues", csv);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Thêm mới 1 · cập nhật 0 · không đổi 0 · bị từ chối 3");
    expect(res.body).toContain("Dòng 3: loại cơ sở không hợp lệ");
    expect(res.body).toContain("Dòng 4: phường/xã không có trong danh mục (hoặc ngoài tỉnh/thành của bạn)");
    expect(res.body).toContain("Dòng 5: mã này là của cơ sở thuộc tỉnh/thành khác (Q-01)");
    expect((await w.stores.venues.byCode("Q-01"))!.wardCode).toBe("W3");
    expect((await keeper.get("/console/venues?q=ks%20vy%20da")).body).toContain("N-01");

    const latin1 = await upload(keeper, server, "venues", "code,name\n");
    expect(latin1.statusCode).toBe(400);
    expect(latin1.body).toContain("Dòng tiêu đề thiếu cột");
    const activity = await upload(keeper, server, "activity", "code,date,scans\nS-01,2026-11-20,4\nQ-01,2026-11-20,2\nS-02,2026-13-01,1\n");
    expect(activity.body).toContain("Thêm mới 1 · cập nhật 0 · không đổi 0 · bị từ chối 1");
    expect(activity.body).toContain("Dòng 4: ngày không hợp lệ");
    expect(activity.body).toContain("1 mã không có trong danh bạ (bỏ qua): Q-01");
    const audit = await w.stores.audit.of("province", "P1");
    expect(audit.map((a) => a.action)).toEqual(["import_venues", "import_activity"]);
  });

  it("the compliance page shows the keeper's province, and its CSV is the CLI's", async () => {
    const keeper = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P1" }), "/console/compliance");
    const page = await keeper.get("/console/compliance?as_of=2026-11-23");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<table id="compliance-wards">');
    expect(page.body).toContain("Phường Thuận Hóa");
    const csv = await keeper.get("/console/compliance.csv?as_of=2026-11-23&silent_days=14");
    const cli = await complianceOf(w.stores, CLI_OPERATOR, "P1", { asOf: "2026-11-23", silentDays: 14 });
    expect(cli.ok && csv.body === complianceCsv(cli.report)).toBe(true);
    const pdf = await keeper.get("/console/compliance.pdf?as_of=2026-11-23");
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await keeper.get("/console/compliance?as_of=yesterday")).statusCode).toBe(400);
    const other = await signIn(server, w.stores, clock.now, await w.account("registry", { provinceCode: "P2" }), "/console/compliance");
    const theirs = await other.get("/console/compliance.csv?province=P1&as_of=2026-11-23");
    expect(theirs.body).not.toContain("W1");
    expect(theirs.body).toContain("W3");
  });
});
