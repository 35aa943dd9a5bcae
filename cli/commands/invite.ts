import { createInvitation, InvitationScopeError, inviteLink, type InviteScope } from "../../services/access/invitations.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

const USAGE = "invite <officer|supervisor|enforcement|registry|admin> [--ward <code> | --province <code>]";

function scopeOf(role: string, ward: string | undefined, province: string | undefined): InviteScope {
  if (role === "officer" && ward && !province) return { role, wardCode: ward };
  if ((role === "supervisor" || role === "enforcement" || role === "registry") && province && !ward) return { role, provinceCode: province };
  if (role === "admin" && !ward && !province) return { role };
  throw new CliUserError(`officers need --ward, supervisors, enforcement and the registry's keeper need --province, admins neither\nusage: ${USAGE}`);
}

export const inviteCommands: CliCommand[] = [
  {
    group: "",
    name: "invite",
    usage: USAGE,
    summary: "print a one-time Telegram link (valid 7 days) that grants a staff role to whoever opens it first",
    async run(args, ctx) {
      const { positionals, values } = parseCliArgs(
        args,
        { ward: { type: "string" }, province: { type: "string" } },
        { min: 1, max: 1, usage: USAGE },
      );
      const scope = scopeOf(positionals[0]!, values.ward, values.province);
      const stores = await ctx.stores();
      try {
        const { token, expiresAt } = await createInvitation({ ...stores, clock: ctx.clock }, scope, "cli");
        ctx.out.write(`${inviteLink(ctx.config.botUsername, token)}\nvalid until ${expiresAt.toISOString()}, single use\n`);
      } catch (e) {
        if (e instanceof InvitationScopeError) throw new CliUserError(e.message);
        throw e;
      }
    },
  },
];
