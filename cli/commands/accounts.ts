import type { Account } from "../../models/account.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

const line = (a: Account) =>
  [a.id, a.role, a.wardCode ?? a.provinceCode ?? "-", `${a.channel}:${a.externalId}`, a.displayName ?? "-", a.revokedAt ? `revoked ${a.revokedAt.toISOString()}` : "active"].join("\t");

export const accountCommands: CliCommand[] = [
  {
    group: "accounts",
    name: "list",
    usage: "accounts list",
    summary: "staff accounts: id, role, ward or province, channel id, name, active or revoked",
    async run(args, ctx) {
      parseCliArgs(args, {}, { min: 0, max: 0, usage: this.usage });
      const staff = await (await ctx.stores()).accounts.staff();
      ctx.out.write(["id\trole\tscope\tchannel\tname\tstatus", ...staff.map(line)].join("\n") + "\n");
    },
  },
  {
    group: "accounts",
    name: "revoke",
    usage: "accounts revoke <id>",
    summary: "end a staff account's rights at once (its actions stay in the audit log)",
    async run(args, ctx) {
      const { positionals } = parseCliArgs(args, {}, { min: 1, max: 1, usage: this.usage });
      const stores = await ctx.stores();
      const id = positionals[0]!;
      if (!/^[0-9a-f]{24}$/i.test(id)) throw new CliUserError(`not an account id: ${id}`);
      const at = ctx.clock();
      const account = await stores.accounts.revoke(id, at);
      if (!account) throw new CliUserError(`no account ${id}`);
      await stores.audit.append({ at, actorRole: "admin", actorId: "cli", action: "revoke", subjectKind: "account", subjectId: id, to: "revoked" });
      ctx.out.write(`${line(account)}\n`);
    },
  },
];
