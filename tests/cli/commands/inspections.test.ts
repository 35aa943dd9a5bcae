import { beforeAll, describe, expect, it } from "vitest";
import { inspectionCommands } from "../../../cli/commands/inspections.js";
import { statsCommands } from "../../../cli/commands/stats.js";
import { addVenues, importScans } from "../../support/activity-world.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const [issue] = inspectionCommands;
const [stats] = statsCommands;

describe("npm run cli -- inspections issue", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  const ctx = () => testCliContext(db(), { INSPECTIONS_PER_WARD_WEEK: "1" }, w.clock.now);
  beforeAll(async () => {
    w = await ticketWorld(db());
    await addVenues(w, "A", "W1", 2);
    await importScans(w, w.clock.now, ["V-1,2026-11-21,2", "A-01,2026-10-01,1"]);
  });

  it("lists with --dry-run, then issues; the cap comes from INSPECTIONS_PER_WARD_WEEK", async () => {
    const dry = ctx();
    await issue!.run(["--province", "P1", "--as-of", "2026-11-22", "--dry-run"], dry);
    expect(dry.printed()).toBe(
      "P1: 1 inspection tickets would be issued (silent as of 2026-11-22, week of 2026-11-23)\n" +
        "W1\tPhường Phú Xuân: 1 (already this week 0, passed over: 0 with an open ticket, 0 inspected lately)\n" +
        "\t-\tA-02\tCơ sở A-02\tlast scan never\n",
    );
    const run = ctx();
    await issue!.run(["--province", "P1", "--as-of", "2026-11-22"], run);
    expect(run.printed()).toMatch(/^P1: 1 inspection tickets issued .*\n.*already this week 0.*\n\tP1X-2611-0001\tA-02\tCơ sở A-02\tlast scan never\n$/);
    const again = ctx();
    await issue!.run(["--province", "P1", "--as-of", "2026-11-22"], again);
    expect(again.printed()).toBe("P1: 0 inspection tickets issued (silent as of 2026-11-22, week of 2026-11-23)\nW1\tPhường Phú Xuân: 0 (already this week 1, passed over: 1 with an open ticket, 0 inspected lately)\n");
    await expect(issue!.run(["--province", "P9"], ctx())).rejects.toThrow(/no ward in province P9/);
    await expect(issue!.run(["--as-of", "2026-11-22"], ctx())).rejects.toThrow(/give --province/);
  });

  it("stats tell residents' reports and inspection tickets apart", async () => {
    await w.ticket("new");
    w.clock.advance(60_000);
    const c = ctx();
    await stats!.run(["--ward", "W1"], c);
    const [header, row] = c.printed().trim().split("\n").map((l) => l.split(","));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([cell("opened"), cell("not_scanned"), cell("no_poster"), cell("source_resident"), cell("source_inspection")]).toEqual(["2", "1", "1", "1", "1"]);
  });
});
