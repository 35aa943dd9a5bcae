import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ADDRESS_FILE, LOCK_FILE } from "../../../platform/embedded-mongo/shared.js";
import { DEMO_UNITS } from "../../../services/registry/demo-registry.js";
import { startMainProcess, type MainProcess } from "../../support/main-process.js";

const run = promisify(execFile);
const root = new URL("../../..", import.meta.url).pathname;

/** `npm run cli -- …` as its own process on `dataDir`, with no MONGODB_URI: it must find the embedded server itself. */
function cli(dataDir: string, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: "info" },
  });
}

/** Embedded database servers whose command line names this data folder. */
async function serversOn(dataDir: string): Promise<string[]> {
  const { stdout } = await run("ps", ["-eo", "args"]);
  return stdout.split("\n").filter((line) => line.includes(dataDir) && !line.includes("node"));
}

const exists = (path: string) => stat(path).then(() => true, () => false);

describe("one embedded database per data folder", () => {
  const dirs: string[] = [];
  let app: MainProcess | undefined;
  afterAll(async () => {
    await app?.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("the CLI run while the app runs connects to the app's embedded server instead of starting a second one", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "qr-shared-"));
    dirs.push(dataDir);
    app = startMainProcess({ DATA_DIR: dataDir, HTTP_PORT: "0", LOG_LEVEL: "info", SIMULATOR: "off" });
    await app.waitFor(/offline mode/, 90_000);
    const address = JSON.parse(await readFile(join(dataDir, ADDRESS_FILE), "utf8")) as { pid: number; uri: string };
    expect(address.pid).toBe(app.child.pid);
    expect(await serversOn(dataDir)).toHaveLength(1);

    const units = join(dataDir, "units.json");
    await writeFile(units, JSON.stringify(DEMO_UNITS));
    const imported = await cli(dataDir, "wards", "import", units);
    expect(imported.stdout + imported.stderr).toMatch(/another process started/);
    const found = await cli(dataDir, "wards", "search", "phu xuan");
    expect(found.stdout).toMatch(/Phú Xuân/);
    expect(await serversOn(dataDir)).toHaveLength(1);
    // The CLI only disconnected: the app's server and its address are still there.
    expect(JSON.parse(await readFile(join(dataDir, ADDRESS_FILE), "utf8"))).toEqual(address);
    expect(app.child.exitCode).toBeNull();
    await app.stop();
    app = undefined;
    expect(await exists(join(dataDir, ADDRESS_FILE))).toBe(false);
    expect(await serversOn(dataDir)).toHaveLength(0);
  }, 180_000);

  it("an address and a lock left by a crashed process are detected and replaced", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "qr-stale-"));
    dirs.push(dataDir);
    // A pid that cannot be running (above the kernel's pid_max), and a port nothing answers.
    await writeFile(join(dataDir, ADDRESS_FILE), JSON.stringify({ pid: 2 ** 22 + 1, uri: "mongodb://127.0.0.1:1/", backend: "ferretdb" }));
    await writeFile(join(dataDir, LOCK_FILE), String(2 ** 22 + 1));
    const result = await cli(dataDir, "wards", "search", "phu xuan");
    expect(result.stdout + result.stderr).not.toMatch(/another process started/);
    expect(result.stdout + result.stderr).toMatch(/database ready/);
    expect(await exists(join(dataDir, ADDRESS_FILE))).toBe(false);
    expect(await exists(join(dataDir, LOCK_FILE))).toBe(false);
    expect(await serversOn(dataDir)).toHaveLength(0);
  }, 120_000);
});
