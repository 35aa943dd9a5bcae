import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { importActivity } from "../../services/registry/activity-import.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";
import { formatSummary } from "../print-summary.js";
import { readInput } from "../read-input.js";

export const activityCommands: CliCommand[] = [
  {
    group: "activity",
    name: "import",
    usage: "activity import <file.csv>",
    summary: "import check-in activity (code,date,scans or code,last_scan_at,scans_7d); a re-imported day replaces the stored one",
    async run(args, ctx) {
      const { positionals } = parseCliArgs(args, {}, { min: 1, max: 1, usage: this.usage });
      const csv = await readInput(positionals[0]!);
      const directory = await ctx.directory();
      const stores = await ctx.stores();
      const deps = { ...stores, provinceOf: (code: string) => directory.byCode(code)?.provinceCode, clock: ctx.clock };
      const result = await importActivity(deps, CLI_OPERATOR, csv);
      if (!result.ok) throw new CliUserError(`refused: ${result.reason}`);
      ctx.out.write(formatSummary("activity", result.summary));
    },
  },
];
