import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = new URL("../../../tools/mongo-embedded/", import.meta.url).pathname;

describe("the embedded server's command locks (tools/mongo-embedded/locks.go)", () => {
  it("runs one write at a time and lets reads go on meanwhile", async () => {
    // The Go test holds each command's locks for a while and counts how many held them at once.
    const { stdout } = await run("go", ["test", "-count=1", "-ldflags=-checklinkname=0", "-run", "TestLocks|TestCommandName", "."], {
      cwd: dir, env: { ...process.env, CGO_ENABLED: "0" }, maxBuffer: 8 * 1024 * 1024,
    });
    expect(stdout).toMatch(/^ok\s/m);
  }, 300_000);
});
