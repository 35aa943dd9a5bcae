import { beforeAll, describe, expect, it } from "vitest";
import { accountCommands } from "../../../cli/commands/accounts.js";
import { inviteCommands } from "../../../cli/commands/invite.js";
import { CliUserError } from "../../../cli/command.js";
import { redeemInvitation } from "../../../services/access/invitations.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const [invite] = inviteCommands;
const [list, revoke] = accountCommands;

describe("npm run cli -- invite / accounts", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  beforeAll(async () => {
    w = await ticketWorld(db());
  });

  it("prints a deep link that binds an officer; accounts list shows them; revoke ends their rights", async () => {
    const ctx = testCliContext(db(), { BOT_USERNAME: "hue_qr_bot" });
    await invite!.run(["officer", "--ward", "W1"], ctx);
    const token = /^https:\/\/t\.me\/hue_qr_bot\?start=inv_([A-Za-z0-9_-]{32})$/m.exec(ctx.printed())?.[1];
    expect(token).toBeDefined();
    const person = await w.account("resident");
    expect(await redeemInvitation({ ...w.stores, clock: () => new Date() }, token!, person.id)).toMatchObject({ ok: true });

    const listed = testCliContext(db());
    await list!.run([], listed);
    expect(listed.printed()).toMatch(new RegExp(`^${person.id}\\tofficer\\tW1\\t.*\\tactive$`, "m"));

    const revoked = testCliContext(db());
    await revoke!.run([person.id], revoked);
    expect(revoked.printed()).toMatch(/revoked/);
    expect((await w.stores.accounts.byId(person.id))!.revokedAt).toBeInstanceOf(Date);
  });

  it("invites the registry's keeper of a province", async () => {
    const ctx = testCliContext(db());
    await invite!.run(["registry", "--province", "P1"], ctx);
    const token = /start=inv_([A-Za-z0-9_-]{32})$/m.exec(ctx.printed())![1]!;
    const person = await w.account("resident");
    expect(await redeemInvitation({ ...w.stores, clock: () => new Date() }, token, person.id)).toMatchObject({ ok: true, account: { role: "registry", provinceCode: "P1" } });
  });

  it("explains a missing or wrong scope", async () => {
    await expect(invite!.run(["officer"], testCliContext(db()))).rejects.toBeInstanceOf(CliUserError);
    await expect(invite!.run(["registry", "--ward", "W1"], testCliContext(db()))).rejects.toThrow(/registry's keeper need --province/);
    await expect(invite!.run(["officer", "--ward", "W9"], testCliContext(db()))).rejects.toThrow(/no ward/);
    await expect(revoke!.run(["123"], testCliContext(db()))).rejects.toBeInstanceOf(CliUserError);
  });
});
