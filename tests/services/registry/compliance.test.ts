import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { activityCommands } from "../../../cli/commands/activity.js";
import { complianceCommands } from "../../../cli/commands/compliance.js";
import { complianceOf } from "../../../services/registry/compliance.js";
import { addVenues } from "../../support/activity-world.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { readPdf } from "../../support/pdf-text.js";
import { ticketWorld } from "../../support/ticket-world.js";

const [activityImport] = activityCommands;
const [compliance] = complianceCommands;

/**
 * The hand-computed fixture, as of 22 November 2026 (the 7-day window is 16–22 November, the
 * 14-day one 9–22 November): province P1 has 20 active venues, 12 cafés in Phú Xuân (W1) and 8
 * markets in Thuận Hóa (W2); V-1 is closed and does not count. Scanned in 7 days: A-01 (20th)
 * and B-01 (16th, the window's first day) → 2/20 = 10.0 %. A-02 (15th) is outside the 7 days
 * but not silent; A-03 (8th) is silent; A-05's day had 0 scans; B-02's scan on the 23rd comes
 * after the report's day. Never scanned: 20 − {A-01, B-01, A-02, A-03} = 16; silent: 16 + A-03 = 17.
 */
const ACTIVITY = [
  "code,date,scans",
  "A-01,2026-11-20,4",
  "B-01,2026-11-16,1",
  "A-02,2026-11-15,2",
  "A-03,2026-11-08,9",
  "A-05,2026-11-21,0",
  "B-02,2026-11-23,3",
  "C-01,2026-11-21,5",
].join("\n");

describe("npm run cli -- compliance", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let dir: string;
  const ctx = () => testCliContext(db(), {}, w.clock.now);
  beforeAll(async () => {
    w = await ticketWorld(db());
    await w.stores.venues.setStatus("V-1", "closed");
    await addVenues(w, "A", "W1", 12, "restaurant_cafe");
    await addVenues(w, "B", "W2", 8, "market");
    await addVenues(w, "C", "W3", 1);
    dir = await mkdtemp(join(tmpdir(), "compliance-"));
    await writeFile(join(dir, "activity.csv"), ACTIVITY);
    const c = ctx();
    await activityImport!.run([join(dir, "activity.csv")], c);
    expect(c.printed()).toBe("activity: 7 added, 0 updated, 0 unchanged, 0 rejected\n");
  });

  it("matches the hand-computed figures by province, ward, category and week", async () => {
    const c = ctx();
    await compliance!.run(["--province", "P1", "--as-of", "2026-11-22"], c);
    const lines = c.printed().trim().split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "scope,code,name,active,scanned_7d,rate_percent,never_scanned,silent,silent_days",
      "province,P1,P1,20,2,10.0,16,17,14",
      "ward,W1,Phường Phú Xuân,12,1,8.3,9,10,14",
      "ward,W2,Phường Thuận Hóa,8,1,12.5,7,7,14",
      "category,market,market,8,1,12.5,7,7,14",
      "category,restaurant_cafe,restaurant_cafe,12,1,8.3,9,10,14",
    ]);
    expect(lines.slice(6)).toEqual([
      "week,2026-10-04,,20,0,0.0,,,14",
      "week,2026-10-11,,20,0,0.0,,,14",
      "week,2026-10-18,,20,0,0.0,,,14",
      "week,2026-10-25,,20,0,0.0,,,14",
      "week,2026-11-01,,20,0,0.0,,,14",
      "week,2026-11-08,,20,1,5.0,,,14",
      "week,2026-11-15,,20,1,5.0,,,14",
      "week,2026-11-22,,20,2,10.0,,,14",
    ]);
  });

  it("takes the silent threshold from --silent-days and the day from the clock without --as-of", async () => {
    const c = ctx();
    await compliance!.run(["--province", "P1", "--as-of", "2026-11-22", "--silent-days", "7"], c);
    expect(c.printed()).toMatch(/^province,P1,P1,20,2,10\.0,16,18,7$/m);
    // Today (23 November): B-02's scan counts, the window is 17–23 November and B-01 falls out.
    const today = ctx();
    await compliance!.run(["--province", "P1"], today);
    expect(today.printed()).toMatch(/^province,P1,P1,20,2,10\.0,15,16,14$/m);
    await expect(compliance!.run(["--province", "P1", "--as-of", "22/11/2026"], ctx())).rejects.toThrow(/--as-of/);
    await expect(compliance!.run(["--province", "P9"], ctx())).rejects.toThrow(/no ward in province P9/);
  });

  it("renders a one-page Vietnamese PDF whose text shows the ward table", async () => {
    const pdf = join(dir, "p1.pdf");
    const c = ctx();
    await compliance!.run(["--province", "P1", "--as-of", "2026-11-22", "--format", "pdf", "--out", pdf], c);
    expect(c.printed()).toBe(`${pdf}: P1, 2 wards, as of 2026-11-22\n`);
    const { pages, text } = await readPdf(await readFile(pdf));
    expect(pages).toBe(1);
    expect(text).toContain("BÁO CÁO TUÂN THỦ QUÉT MÃ QR CHECK-IN");
    expect(text).toContain("tính đến hết ngày 22/11/2026");
    expect(text).toMatch(/Được quét trong 7 ngày: 2 \(10,0 %\)/);
    expect(text).toMatch(/Phường\/xã\s+Hoạt động\s+Quét 7 ngày\s+Tỷ lệ\s+Chưa từng quét\s+Im lặng ≥ 14 ngày/);
    // The worst ward first, then the better one, then the province.
    expect(text).toMatch(/Phường Phú Xuân\s+12\s+1\s+8,3 %\s+9\s+10\n[^]*Phường Thuận Hóa\s+8\s+1\s+12,5 %\s+7\s+7\n[^]*Toàn tỉnh\/thành\s+20\s+2\s+10,0 %\s+16\s+17/);
    expect(text).toContain("Nhà hàng, quán ăn, cà phê 1/12 (8,3 %)");
  });

  it("shows a keeper their own province only", async () => {
    const keeper = await w.account("registry", { provinceCode: "P1" });
    const opts = { asOf: "2026-11-22", silentDays: 14 };
    expect(await complianceOf(w.stores, keeper, "P1", opts)).toMatchObject({ ok: true, report: { total: { active: 20, scanned7d: 2, rate: 0.1 } } });
    expect(await complianceOf(w.stores, keeper, "P2", opts)).toEqual({ ok: false, reason: "forbidden" });
    expect(await complianceOf(w.stores, await w.account("officer", { wardCode: "W1" }), "P1", opts)).toEqual({ ok: false, reason: "forbidden" });
    const other = await w.account("registry", { provinceCode: "P2" });
    const p2 = await complianceOf(w.stores, other, "P2", opts);
    expect(p2).toMatchObject({ ok: true, report: { total: { active: 1, scanned7d: 1 } } });
  });
});
