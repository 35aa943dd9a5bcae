import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(root, "node_modules", ".bin", "tsx");

function start(env: Record<string, string>) {
  const { MONGODB_URI: _ignored, BOT_TOKEN: _none, ...inherited } = process.env;
  const child = spawn(tsx, ["main.ts"], { cwd: root, env: { ...inherited, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms: number) => {
    const until = Date.now() + ms;
    while (!pattern.test(output)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

describe("npm start", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("starts offline on the embedded database without a bot token and stops cleanly on SIGINT", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "qr-main-"));
    dirs.push(dataDir);
    const app = start({ DATA_DIR: dataDir, HTTP_PORT: "0" });
    await app.waitFor(/offline mode/, 60_000);
    expect(app.output()).toMatch(/database ready \((ferretdb|mongodb-memory-server)\)/);
    const stopAt = Date.now();
    app.child.kill("SIGINT");
    expect(await app.exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(5_000);
  }, 90_000);

  it("refuses a malformed HTTP_PORT with a message naming the key", async () => {
    const app = start({ HTTP_PORT: "eighty" });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("HTTP_PORT: expected a whole number from 0 to 65535");
  }, 30_000);
});
