import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { usePublicWorld } from "../support/public-world.js";

const db = useTestDatabase();
const world = usePublicWorld(db);

describe("/reports over HTTP", () => {
  const page = (path: string, headers?: Record<string, string>) => world().page(path, headers);
  it("lists the public reports only, with no resident's words or exact point, behind the console's security headers", async () => {
    const list = await page("/reports");
    expect(list.status).toBe(200);
    expect(list.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(list.headers.get("x-frame-options")).toBe("DENY");
    expect(list.text).toContain(world().numbers.vyDa);
    expect(list.text).toContain(world().numbers.anCuu);
    expect(list.text).not.toContain(world().numbers.gone);
    const points = await page("/reports/points.json");
    for (const text of [list.text, points.text]) for (const secret of ["0905111222", "kiệt 7", "16.48234", "107.60467", "Samsung"]) expect(text).not.toContain(secret);
    expect(JSON.parse(points.text).reports).toContainEqual([world().numbers.vyDa, 16.482, 107.605, "acknowledged", `/reports/${world().numbers.vyDa}`]);
    expect(list.text).toContain('href="https://t.me/qr_checkin_report_bot"');
  });

  it("a report's page: its public history and published photo; a withdrawn or unknown one is 404; hostile queries are no error", async () => {
    const one = await page(`/reports/${world().numbers.vyDa}`);
    expect(one.status).toBe(200);
    expect(one.text).toMatch(/đã tiếp nhận/);
    expect(one.text).toContain("vị trí gần đúng");
    const photo = /src="(\/reports\/photos\/[A-Za-z0-9_-]{36}\.jpg)"/.exec(one.text)![1]!;
    const bytes = await fetch(`${world().s.origin}${photo}`);
    expect(bytes.status).toBe(200);
    expect((await sharp(Buffer.from(await bytes.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await page(`/reports/${world().numbers.anCuu}`)).text).not.toContain("/reports/photos/");
    expect((await page(`/reports/${world().numbers.gone}`)).status).toBe(404);
    expect((await page("/reports/NO-SUCH-1")).status).toBe(404);
    for (const q of ["?ward[$ne]=x&page=-1", "?period=9999&state=withdrawn&type=%3Cscript%3E", "?lang=xx&page=99999999999"]) expect((await page(`/reports${q}`)).status).toBe(200);
    expect((await page("/reports/photos/..%2F..%2Fetc%2Fpasswd.jpg")).status).toBe(404);
  });

  it("English from Accept-Language or the switch; the filters narrow the list; the ward figures come from the statistics", async () => {
    expect((await page("/reports", { "accept-language": "en-GB,en;q=0.9" })).text).toContain("Reports of QR check-in poster violations");
    expect((await page("/reports?lang=en")).text).toContain('href="/reports?lang=vi"');
    const filtered = await page("/reports?state=acknowledged");
    expect(filtered.text).toContain(world().numbers.vyDa);
    expect(filtered.text).not.toContain(`${world().numbers.anCuu}<`);
    expect(filtered.text).toContain("1 báo cáo");
    expect((await page("/reports")).text).toMatch(/<th scope="row">Phường Vỹ Dạ<\/th><td>1<\/td><td>0<\/td><td>3 giờ<\/td>/);
  });

  it("100 requests cost the database one query while the snapshot is fresh", async () => {
    const before = world().loads();
    for (let i = 0; i < 100; i++) expect((await page(i % 2 ? "/reports" : `/reports/${world().numbers.vyDa}`)).status).toBe(200);
    expect(world().loads() - before).toBeLessThanOrEqual(1);
    world().s.now.value = new Date(world().s.now.value.getTime() + 31_000);
    await page("/reports");
    expect(world().loads() - before).toBeLessThanOrEqual(2);
  });
});
