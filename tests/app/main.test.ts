import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMainProcess } from "../support/main-process.js";

describe("npm start", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("starts offline on the embedded database without a bot token and stops cleanly on SIGINT", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "qr-main-"));
    dirs.push(dataDir);
    const app = startMainProcess({ DATA_DIR: dataDir, HTTP_PORT: "0", LOG_LEVEL: "info", SIMULATOR: "off" });
    await app.waitFor(/offline mode/, 120_000);
    expect(app.output()).toMatch(/database ready \((ferretdb|mongodb-memory-server)\)/);
    // The composition root serves the Open311 API even without a bot token.
    await app.waitFor(/"open311":"http:[^"]+"/, 30_000);
    const open311 = /"open311":"(http:[^"]+)"/.exec(app.output())![1]!;
    const services = await fetch(`${open311}/services.json`);
    expect(services.status).toBe(200);
    expect(((await services.json()) as { service_code: string }[]).map((x) => x.service_code)).toEqual(["no_poster", "wrong_info", "unscannable"]);
    expect((await fetch(`${open311}/requests.json`, { method: "POST", body: new URLSearchParams({ service_code: "no_poster" }) })).status).toBe(403);
    app.child.kill("SIGINT");
    // 0 only from the clean stop: main.ts exits with 1 when stopping takes longer than its 4 s guard.
    expect(await app.exited).toBe(0);
  }, 180_000);

  it("refuses to run the simulator next to a real bot token", async () => {
    const app = startMainProcess({ BOT_TOKEN: "123:abc", SIMULATOR: "on" });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("SIMULATOR: the simulator runs only without BOT_TOKEN and ZALO_APP_ID");
  }, 90_000);

  it("refuses a malformed HTTP_PORT with a message naming the key", async () => {
    const app = startMainProcess({ HTTP_PORT: "eighty" });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("HTTP_PORT: expected a whole number from 0 to 65535");
  }, 90_000);
});
