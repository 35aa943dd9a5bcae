import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApp, type RunningApp } from "../../app/start-app.js";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { createConsoleLink } from "../../services/access/console-links.js";
import { openTicket } from "../../services/tickets/open-ticket.js";
import { freePort } from "../support/free-port.js";

/**
 * The app on its own embedded server (no MONGODB_URI), with the limit lowered to 2 tickets:
 * started once to hold 3, then again, as an administrator would restart it.
 */
// The warning concerns the FerretDB fallback only; where mongodb-memory-server could download a
// mongod, the app's own embedded server is that mongod and is never over the limit.
const onFerret = inject("mongoBackend") === "ferretdb";
if (!onFerret) console.log("skipped: the embedded-limit warning applies to the FerretDB fallback, and this machine's embedded server is a mongod");

describe.skipIf(!onFerret)("past the embedded database's limit", { timeout: 180_000 }, () => {
  let dataDir: string;
  let app: RunningApp | undefined;
  const logged: string[] = [];
  const env = async () => ({ DATA_DIR: dataDir, SIMULATOR: "off", EMBEDDED_TICKET_LIMIT: "2", HTTP_PORT: String(await freePort()) });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "embedded-limit-"));
    const first = await startApp(loadConfig(await env()), createLogger("silent"));
    for (let i = 1; i <= 3; i++) {
      const at = new Date();
      await openTicket(first.stores, {
        violationType: "no_poster", wardCode: "W1", provinceCode: "P1", address: `${i} Lê Lợi`, location: { lat: 16.47, lng: 107.58 }, verdict: "no_code",
        report: { accountId: "a", channel: "telegram", violationType: "no_poster", at, evidenceIds: [], flags: [] },
        event: { at, actorRole: "system", action: "opened", to: "new" },
      }, `LIM-${i}`);
    }
    await first.stop();
    const log = new Writable({ write: (c: Buffer, _e, done) => (logged.push(c.toString("utf8")), done()) });
    app = await startApp(loadConfig(await env()), createLogger("warn", log));
  });

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("the start-up log warns once and names the way out", () => {
    const warnings = logged.map((l) => JSON.parse(l) as { level: number; msg: string; tickets?: number }).filter((l) => /embedded database holds/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, tickets: 3 });
    expect(warnings[0]!.msg).toContain("npm run cli -- db copy --to <mongodb-uri>");
  });

  it("/readyz stays ready and says it in its details", async () => {
    const res = await fetch(`${app!.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ready: boolean; details: { database: Record<string, unknown> } };
    expect(body.ready).toBe(true);
    expect(body.details.database).toMatchObject({ backend: "ferretdb", tickets: 3, limit: 2, over: true });
    expect(body.details.database.warning).toMatch(/Moving to MongoDB/);
  });

  it("the console's footer tells an administrator, in Vietnamese, and nobody else", async () => {
    const page = async (role: "admin" | "supervisor") => {
      const a = await app!.stores.accounts.ensure("telegram", `limit-${role}`, { displayName: role });
      const made = await createConsoleLink({ ...app!.stores, clock: () => new Date() }, (await app!.stores.accounts.grantRole(a.id, role, role === "admin" ? {} : { provinceCode: "P1" }))!, CLI_OPERATOR);
      if ("refused" in made) throw new Error("no link");
      const signed = await fetch(`${app!.httpUrl}/console/sign-in/${made.token}`, { method: "POST", redirect: "manual" });
      const cookie = signed.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      return (await fetch(`${app!.httpUrl}/console/queue`, { headers: { cookie } })).text();
    };
    const admin = await page("admin");
    expect(admin).toMatch(/<footer class="console-footer"><p class="card notice" role="status">Cơ sở dữ liệu nhúng đang giữ 3 báo cáo, nhiều hơn 2 — .*npm run cli -- db copy --to &lt;mongodb-uri&gt;/);
    expect(await page("supervisor")).not.toContain("console-footer");
  });
});
