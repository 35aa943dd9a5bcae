import { csvText } from "../../platform/csv.js";
import { SATISFACTION_COLUMNS, satisfactionRows } from "../../services/tickets/satisfaction.js";
import { STATS_COLUMNS, statsRow, wardStats } from "../../services/tickets/stats.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

const USAGE = "stats --province <code> | --ward <code> [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>] [--satisfaction]";
const DAY = 24 * 3600e3;

function day(s: string, name: string): Date {
  const d = new Date(`${s}T00:00:00+07:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime())) throw new CliUserError(`--${name} expects a date like 2026-11-23`);
  return d;
}

export const statsCommands: CliCommand[] = [
  {
    group: "",
    name: "stats",
    usage: USAGE,
    summary: "per-ward CSV: tickets by state and type, median hours to acknowledge and close, on-time rate, overdue, compliance, residents' satisfaction (--satisfaction: by outcome and month)",
    async run(args, ctx) {
      const { values } = parseCliArgs(
        args,
        { province: { type: "string" }, ward: { type: "string" }, from: { type: "string" }, to: { type: "string" }, satisfaction: { type: "boolean" } },
        { min: 0, max: 0, usage: USAGE },
      );
      if (!values.province === !values.ward) throw new CliUserError(`give --province or --ward\nusage: ${USAGE}`);
      const stores = await ctx.stores();
      const now = ctx.clock();
      // Default period: the last 30 days; --to names the last day included.
      const to = values.to ? new Date(day(values.to, "to").getTime() + DAY) : now;
      const from = values.from ? day(values.from, "from") : new Date(to.getTime() - 30 * DAY);
      const wardCodes = values.ward ? [values.ward] : (await stores.wards.inProvince(values.province!)).map((w) => w.code);
      if (wardCodes.length === 0) throw new CliUserError(`no ward in province ${values.province}`);
      const rows = [];
      for (const code of wardCodes) {
        const s = await wardStats(stores, code, { from, to }, now);
        if (values.satisfaction) rows.push(...satisfactionRows(code, s.satisfaction));
        else rows.push(statsRow(s));
      }
      ctx.out.write(csvText(rows, { header: true, columns: [...(values.satisfaction ? SATISFACTION_COLUMNS : STATS_COLUMNS)] }));
    },
  },
];
