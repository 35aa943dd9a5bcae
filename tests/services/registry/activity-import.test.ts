import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { activityCommands } from "../../../cli/commands/activity.js";
import { importActivity } from "../../../services/registry/activity-import.js";
import { addVenues } from "../../support/activity-world.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld, WARDS } from "../../support/ticket-world.js";

const [activityImport] = activityCommands;
const BOM = "\ufeff";

describe("npm run cli -- activity import", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  let dir: string;
  beforeAll(async () => {
    w = await ticketWorld(db());
    await addVenues(w, "A", "W1", 3);
    await addVenues(w, "B", "W3", 1);
    dir = await mkdtemp(join(tmpdir(), "activity-"));
  });

  async function run(name: string, text: string, ...flags: string[]): Promise<string> {
    await writeFile(join(dir, name), text);
    const ctx = testCliContext(db(), {}, w.clock.now);
    await activityImport!.run([join(dir, name), ...flags], ctx);
    return ctx.printed();
  }
  const dayOf = async (code: string) => (await w.stores.activity.ofVenue(code, 10)).filter((a) => a.kind === "day").map((a) => `${a.day}:${a.scans}`);

  it("imports a day-by-day file with a BOM, listing bad lines and unknown codes without stopping", async () => {
    const csv = [
      "code,date,scans",
      "A-01,2026-11-20,5",
      "A-02,2026-11-20,0",
      "A-01,2026-11-21,3",
      "A-03,2026-11-21,7",
      "A-01,2026-11-21,9",
      "A-02,2026-13-01,1",
      "A-03,2026-11-22,many",
      "A-03,2026-11-30,1",
      "NOPE-1,2026-11-21,4",
      "bad code!,2026-11-21,1",
      "B-01,2026-11-21,2",
    ].join("\n");
    expect(await run("days.csv", BOM + csv)).toBe(
      [
        "activity: 5 added, 0 updated, 0 unchanged, 5 rejected",
        "  rejected line 6: duplicate_row (A-01|2026-11-21 already on line 4)",
        "  rejected line 7: bad_date (2026-13-01: expected YYYY-MM-DD)",
        "  rejected line 8: bad_scans (many)",
        "  rejected line 9: date_in_future (2026-11-30)",
        "  rejected line 11: bad_code (1–64 letters, digits, '.', '_' or '-')",
        "  1 unknown code(s), skipped: NOPE-1",
        "",
      ].join("\n"),
    );
    expect(await dayOf("A-01")).toEqual(["2026-11-21:3", "2026-11-20:5"]);
    expect(await dayOf("B-01")).toEqual(["2026-11-21:2"]);
  });

  it("is idempotent; a row replaces its venue's day only; --replace-days removes what a clean file leaves out, after a dry run that counts it", async () => {
    const again = await run("again.csv", "code,date,scans\nA-01,2026-11-20,5\nA-02,2026-11-20,0\n");
    expect(again).toBe("activity: 0 added, 0 updated, 2 unchanged, 0 rejected\n");
    // The corrected export of 21 November: A-01 had 4 scans, A-03 none listed any more.
    const fix = "code,date,scans\r\nA-01,2026-11-21,4\r\n";
    expect(await run("fix.csv", fix)).toBe("activity: 0 added, 1 updated, 0 unchanged, 0 rejected\n");
    expect(await dayOf("A-01")).toEqual(["2026-11-21:4", "2026-11-20:5"]);
    expect(await dayOf("A-03")).toEqual(["2026-11-21:7"]);
    expect(await run("fix.csv", fix, "--replace-days", "--dry-run")).toBe("dry run, nothing written: activity: 0 added, 0 updated, 1 unchanged, 1 would be removed, 0 rejected\n");
    expect(await dayOf("A-03")).toEqual(["2026-11-21:7"]);
    expect(await run("fix.csv", fix, "--replace-days")).toBe("activity: 0 added, 0 updated, 1 unchanged, 1 removed, 0 rejected\n");
    expect(await dayOf("A-03")).toEqual([]);
    // Province P2's 21 November is another province's day: untouched.
    expect(await dayOf("B-01")).toEqual(["2026-11-21:2"]);
  });

  it("a file of one good row and many bad ones changes that row only: the other venues keep their day", async () => {
    const bad = Array.from({ length: 130 }, (_, i) => (i % 2 ? `A-02,2026-11-21,${i},extra` : `A-03,2026-11-2x,${i}`));
    const out = await run("mixed.csv", ["code,date,scans", "A-01,2026-11-21,6", ...bad].join("\n"));
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe("activity: 0 added, 1 updated, 0 unchanged, 130 rejected");
    // Extra cells are refused like missing ones; the listing stops at 50 lines and counts the rest by reason.
    expect(lines[2]).toBe("  rejected line 4: extra_cells (4 of 3 columns)");
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines.at(-1)).toBe("  … and 80 more rejected; by reason: bad_date 65, extra_cells 65");
    expect(await dayOf("A-01")).toEqual(["2026-11-21:6", "2026-11-20:5"]);
    expect(await dayOf("A-02")).toEqual(["2026-11-20:0"]);
    expect(await dayOf("B-01")).toEqual(["2026-11-21:2"]);
    // A whole-day replace needs a clean file: with rejected rows it is refused, and nothing changes.
    await expect(run("mixed.csv", ["code,date,scans", "A-01,2026-11-21,8", ...bad].join("\n"), "--replace-days")).rejects.toThrow(/130 rejected row\(s\): a whole-day replace needs a clean file/);
    expect(await dayOf("A-01")).toEqual(["2026-11-21:6", "2026-11-20:5"]);
  });

  it("imports the per-venue layout: last scan (Vietnam time unless a zone is given) and scans in 7 days; empty means never scanned", async () => {
    const out = await run("last.csv", "code,last_scan_at,scans_7d\nA-02,2026-11-22 21:30,12\nA-03,,0\nA-01,2026-11-02T23:00:00Z,0\nA-02,2026-11-01,1\nC-01,yesterday,1\n");
    expect(out).toBe(
      "activity: 3 added, 0 updated, 0 unchanged, 2 rejected\n  rejected line 5: duplicate_row (A-02 already on line 2)\n" +
        "  rejected line 6: bad_last_scan_at (yesterday: expected YYYY-MM-DD[ HH:MM[:SS]][zone], or empty when never scanned)\n",
    );
    const last = async (code: string) => (await w.stores.activity.ofVenue(code, 10)).find((a) => a.kind === "last");
    expect(await last("A-02")).toMatchObject({ day: "2026-11-22", scans7d: 12, lastScanAt: new Date("2026-11-22T14:30:00Z") });
    // 23:00 UTC is already the next morning in Vietnam.
    expect(await last("A-01")).toMatchObject({ day: "2026-11-03", scans: 1, scans7d: 0 });
    expect(await last("A-03")).toMatchObject({ scans: 0 });
    expect((await last("A-03"))!.day).toBeUndefined();
  });

  it("refuses a file in another encoding or without the columns, whole", async () => {
    await writeFile(join(dir, "latin1.csv"), Buffer.from("code,date,scans\nA-01,2026-11-20,5 caf\xe9\n", "latin1"));
    await expect(activityImport!.run([join(dir, "latin1.csv")], testCliContext(db(), {}, w.clock.now))).rejects.toThrow(/not UTF-8/);
    await expect(run("cols.csv", "code,day,count\nA-01,2026-11-20,5\n")).rejects.toThrow(/code,date,scans or code,last_scan_at,scans_7d/);
  });

  it("lets a keeper import only their own province: another province's codes are unknown to them; an officer may not import", async () => {
    const keeper = await w.account("registry", { provinceCode: "P1" });
    const deps = { ...w.stores, provinceOf: (c: string) => WARDS.find((x) => x.code === c)?.provinceCode, clock: w.clock.now };
    const csv = Buffer.from("code,date,scans\nA-01,2026-11-22,2\nB-01,2026-11-22,6\n");
    const result = await importActivity(deps, keeper, csv);
    expect(result).toEqual({ ok: true, summary: { added: 1, updated: 0, unchanged: 0, rejected: [], unknown: ["B-01"] } });
    expect(await dayOf("B-01")).toEqual(["2026-11-21:2"]);
    const officer = await w.account("officer", { wardCode: "W1" });
    expect(await importActivity(deps, officer, csv)).toEqual({ ok: false, reason: "forbidden" });
    expect(await importActivity(deps, await w.account("supervisor", { provinceCode: "P1" }), csv)).toEqual({ ok: false, reason: "forbidden" });
    expect(await dayOf("A-01")).toEqual(["2026-11-22:2", "2026-11-21:6", "2026-11-20:5"]);
  });
});
