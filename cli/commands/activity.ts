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
    usage: "activity import <file.csv> [--replace-days] [--dry-run]",
    summary:
      "import check-in activity (code,date,scans or code,last_scan_at,scans_7d): each good row replaces that venue's day or summary, nothing else; --replace-days also removes the file's days' records of venues it does not name (clean files only); --dry-run counts without writing",
    async run(args, ctx) {
      const { positionals, values } = parseCliArgs(args, { "replace-days": { type: "boolean" }, "dry-run": { type: "boolean" } }, { min: 1, max: 1, usage: this.usage });
      const csv = await readInput(positionals[0]!);
      const directory = await ctx.directory();
      const stores = await ctx.stores();
      const deps = { ...stores, provinceOf: (code: string) => directory.byCode(code)?.provinceCode, clock: ctx.clock };
      const result = await importActivity(deps, CLI_OPERATOR, csv, { replaceDays: values["replace-days"] === true, dryRun: values["dry-run"] === true });
      if (!result.ok) throw new CliUserError(`refused: ${result.reason}`);
      ctx.out.write(formatSummary("activity", result.summary));
    },
  },
];
