import { beforeAll, describe, expect, it } from "vitest";
import { consoleCommands } from "../../../cli/commands/console.js";
import { CliUserError } from "../../../cli/command.js";
import { consoleServer } from "../../support/console-client.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

describe("npm run cli -- console link", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  beforeAll(async () => {
    w = await ticketWorld(db());
  });
  const link = consoleCommands.find((c) => c.name === "link")!;

  it("prints a one-time link on PUBLIC_URL that signs the account in once", async () => {
    const admin = await w.account("admin");
    const ctx = testCliContext(db(), { PUBLIC_URL: "https://qr.example.vn" }, w.clock.now);
    await link.run([admin.id], ctx);
    const url = /^(https:\/\/qr\.example\.vn\/console\/sign-in\/[A-Za-z0-9_-]{32})$/m.exec(ctx.printed())?.[1];
    expect(url).toBeDefined();
    expect(ctx.printed()).toMatch(/valid until .*, single use/);
    const server = await consoleServer(w.stores, w.clock.now);
    const path = new URL(url!).pathname;
    expect((await server.inject({ method: "POST", url: path })).statusCode).toBe(303);
    expect((await server.inject({ method: "POST", url: path })).statusCode).toBe(401);
  });

  it("refuses residents, revoked accounts and what is no account id", async () => {
    const ctx = testCliContext(db(), {}, w.clock.now);
    await expect(link.run([w.reporter.id], ctx)).rejects.toThrow(/not an active staff account \(resident\)/);
    const gone = await w.account("officer", { wardCode: "W1" });
    await w.stores.accounts.revoke(gone.id, w.clock.now());
    await expect(link.run([gone.id], ctx)).rejects.toThrow(/revoked/);
    await expect(link.run(["nope"], ctx)).rejects.toBeInstanceOf(CliUserError);
    await expect(link.run(["0123456789abcdef01234567"], ctx)).rejects.toThrow(/no account/);
  });
});
