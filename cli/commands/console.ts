import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { consoleBaseUrl, consoleLinkUrl, createConsoleLink } from "../../services/access/console-links.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

export const consoleCommands: CliCommand[] = [
  {
    group: "console",
    name: "link",
    usage: "console link <account id>",
    summary: "print a one-time sign-in link to the web console (valid 10 minutes) for a staff account",
    async run(args, ctx) {
      const { positionals } = parseCliArgs(args, {}, { min: 1, max: 1, usage: this.usage });
      const id = positionals[0]!;
      if (!/^[0-9a-f]{24}$/i.test(id)) throw new CliUserError(`not an account id: ${id} (see: accounts list)`);
      const stores = await ctx.stores();
      const account = await stores.accounts.byId(id);
      if (!account) throw new CliUserError(`no account ${id}`);
      const made = await createConsoleLink({ ...stores, clock: ctx.clock }, account, CLI_OPERATOR);
      if ("refused" in made) throw new CliUserError(`account ${id} is not an active staff account (${account.role}${account.revokedAt ? ", revoked" : ""})`);
      ctx.out.write(`${consoleLinkUrl(consoleBaseUrl(ctx.config), made.token)}\nvalid until ${made.expiresAt.toISOString()}, single use\n`);
    },
  },
];
