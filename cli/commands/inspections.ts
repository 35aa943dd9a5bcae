import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { issueInspections, type InspectionResult } from "../../services/registry/inspections.js";
import { parseCliArgs } from "../args.js";
import { asOfDay } from "../as-of.js";
import { CliUserError, type CliCommand } from "../command.js";

const USAGE = "inspections issue --province <code> [--as-of <YYYY-MM-DD>] [--dry-run]";

export const inspectionCommands: CliCommand[] = [
  {
    group: "inspections",
    name: "issue",
    usage: USAGE,
    summary: "turn a province's silent venues into inspection tickets for their wards (INSPECTIONS_PER_WARD_WEEK a ward a week, one open per venue)",
    async run(args, ctx) {
      const { values } = parseCliArgs(
        args,
        { province: { type: "string" }, "as-of": { type: "string" }, "dry-run": { type: "boolean" } },
        { min: 0, max: 0, usage: USAGE },
      );
      if (!values.province) throw new CliUserError(`give --province\nusage: ${USAGE}`);
      const opts = { asOf: asOfDay(values["as-of"], ctx.clock), silentDays: ctx.config.silentAfterDays, perWardWeek: ctx.config.inspectionsPerWardWeek, dryRun: values["dry-run"] };
      const result = await issueInspections({ ...(await ctx.stores()), clock: ctx.clock }, CLI_OPERATOR, values.province, opts);
      if (!result.ok) throw new CliUserError(result.reason === "unknown_province" ? `no ward in province ${values.province}` : `refused: ${result.reason}`);
      ctx.out.write(inspectionListText(result, !!values["dry-run"]));
    },
  },
];

/** One line per venue listed, under its ward, and the total. */
function inspectionListText(r: Extract<InspectionResult, { ok: true }>, dryRun: boolean): string {
  const lines = [`${r.provinceName}: ${r.issued} inspection tickets ${dryRun ? "would be issued" : "issued"} (silent as of ${r.asOf}, week of ${r.week})`];
  for (const w of r.wards) {
    lines.push(`${w.wardCode}\t${w.wardName}: ${w.venues.length} (already this week ${w.already}, passed over: ${w.open} with an open ticket, ${w.recent} inspected lately)`);
    for (const v of w.venues) lines.push(`\t${v.number ?? "-"}\t${v.code}\t${v.name}\tlast scan ${v.lastScanDay ?? "never"}`);
  }
  return `${lines.join("\n")}\n`;
}
