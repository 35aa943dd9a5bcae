import type { ApiClient } from "../../models/api-client.js";
import { createApiKey } from "../../services/access/api-keys.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

const line = (c: ApiClient) =>
  [c.id, c.name, c.provinceCode ?? "-", c.createdAt.toISOString(), c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : "active"].join("\t");

export const open311Commands: CliCommand[] = [
  {
    group: "open311",
    name: "keys",
    usage: "open311 keys create <client name> [--province <code>] | list | revoke <id>",
    summary: "API keys of systems using the Open311 API: the key is printed once, only its hash is stored",
    async run(args, ctx) {
      const [verb, ...rest] = args;
      const stores = await ctx.stores();
      const at = ctx.clock();
      if (verb === "create") {
        const { positionals, values } = parseCliArgs(rest, { province: { type: "string" } }, { min: 1, max: 1, usage: this.usage });
        const name = positionals[0]!.trim();
        if (!name || name.length > 100) throw new CliUserError("a client name of 1 to 100 characters is needed");
        const province = values.province?.trim();
        if (province && !(await ctx.directory()).provinceCodes().includes(province)) throw new CliUserError(`no province ${province} in the ward directory`);
        const { client, key } = await createApiKey(stores.apiClients, name, province, at);
        await stores.audit.append({ at, actorRole: "admin", actorId: "cli", action: "create_api_key", subjectKind: "api_client", subjectId: client.id, note: name });
        ctx.out.write(`${line(client)}\nAPI key (shown only now, store it safely): ${key}\n`);
        return;
      }
      if (verb === "list") {
        parseCliArgs(rest, {}, { min: 0, max: 0, usage: this.usage });
        const clients = await stores.apiClients.list();
        ctx.out.write(["id\tname\tprovince\tcreated\tstatus", ...clients.map(line)].join("\n") + "\n");
        return;
      }
      if (verb === "revoke") {
        const { positionals } = parseCliArgs(rest, {}, { min: 1, max: 1, usage: this.usage });
        const id = positionals[0]!;
        if (!/^[0-9a-f]{24}$/i.test(id)) throw new CliUserError(`not a client id: ${id}`);
        const client = await stores.apiClients.revoke(id, at);
        if (!client) throw new CliUserError(`no client ${id}`);
        await stores.audit.append({ at, actorRole: "admin", actorId: "cli", action: "revoke_api_key", subjectKind: "api_client", subjectId: id, to: "revoked" });
        ctx.out.write(`${line(client)}\n`);
        return;
      }
      throw new CliUserError(`usage: ${this.usage}`);
    },
  },
];
