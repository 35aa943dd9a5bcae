import { loadDeadlinePolicy, ruleOf } from "../../services/tickets/deadlines.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

const SHOW = "deadlines show [--province <code>]";
const SET = "deadlines set [--province <code>] [--acknowledge-hours N] [--close-days N] [--remind-before-hours N]";
const FIELDS = { "acknowledge-hours": "acknowledgeHours", "close-days": "closeDays", "remind-before-hours": "remindBeforeHours" } as const;
const numberOptions = { "acknowledge-hours": { type: "string" }, "close-days": { type: "string" }, "remind-before-hours": { type: "string" } } as const;

function count(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > 10_000) throw new CliUserError(`--${flag} expects a whole number of at least ${min}`);
  return n;
}

/** Ticket deadlines: the default and per-province overrides, applied to every ticket opened (or transferred, reopened) afterwards. */
export const deadlineCommands: CliCommand[] = [
  {
    group: "deadlines",
    name: "show",
    usage: SHOW,
    summary: "print the deadline rule in force (default, or for one province) and every stored override",
    async run(args, ctx) {
      const { values } = parseCliArgs(args, { province: { type: "string" } }, { min: 0, max: 0, usage: SHOW });
      const policy = await loadDeadlinePolicy((await ctx.stores()).deadlineRules);
      const line = (scope: string, r: ReturnType<typeof ruleOf>) =>
        `${scope}\tacknowledge ${r.acknowledgeHours} h\tclose ${r.closeDays} days\tremind ${r.remindBeforeHours} h before\n`;
      if (values.province) return void ctx.out.write(line(values.province, ruleOf(policy, values.province)));
      ctx.out.write(line("default", policy.default));
      for (const code of Object.keys(policy.provinces ?? {})) ctx.out.write(line(code, ruleOf(policy, code)));
    },
  },
  {
    group: "deadlines",
    name: "set",
    usage: SET,
    summary: "set the default deadlines (24 h to acknowledge, 7 days to close unless changed) or a province's override",
    async run(args, ctx) {
      const { values } = parseCliArgs(args, { province: { type: "string" }, ...numberOptions }, { min: 0, max: 0, usage: SET });
      const rule = Object.fromEntries(
        Object.entries(FIELDS)
          .filter(([flag]) => values[flag as keyof typeof FIELDS] !== undefined)
          .map(([flag, field]) => [field, count(values[flag as keyof typeof FIELDS]!, flag, flag === "remind-before-hours" ? 0 : 1)]),
      );
      if (Object.keys(rule).length === 0) throw new CliUserError(`give at least one of --acknowledge-hours, --close-days, --remind-before-hours\nusage: ${SET}`);
      const stores = await ctx.stores();
      if (values.province && (await stores.wards.inProvince(values.province)).length === 0) throw new CliUserError(`no ward in province ${values.province}`);
      await stores.deadlineRules.set(values.province ?? "default", rule);
      await stores.audit.append({ at: ctx.clock(), actorRole: "admin", action: "set_deadlines", subjectKind: "deadline_rule", subjectId: values.province ?? "default", note: JSON.stringify(rule) });
      const policy = await loadDeadlinePolicy(stores.deadlineRules);
      const r = ruleOf(policy, values.province ?? "");
      ctx.out.write(`${values.province ?? "default"}: acknowledge ${r.acknowledgeHours} h, close ${r.closeDays} days, remind ${r.remindBeforeHours} h before (tickets opened from now on)\n`);
    },
  },
];
