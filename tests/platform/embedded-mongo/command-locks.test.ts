import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = new URL("../../../tools/mongo-embedded/", import.meta.url).pathname;

describe("the embedded server's command locks (tools/mongo-embedded/wire/locks.go)", () => {
  it("runs one write at a time, lets reads go on meanwhile, and starts a waiting write when the one before ends", async () => {
    // The Go test asks, with some commands holding their locks, whether another may start now
    // (no sleeping, so a loaded machine cannot fail it); the package builds without FerretDB.
    const { stdout } = await run("go", ["test", "-count=1", "-v", "./wire"], {
      cwd: dir, env: { ...process.env, CGO_ENABLED: "0" }, maxBuffer: 8 * 1024 * 1024,
    });
    expect(stdout).toMatch(/^--- PASS: TestLocks\b/m);
    expect(stdout).toMatch(/^--- PASS: TestWaitingWriteStartsAfterTheFirstEnds\b/m);
    expect(stdout).toMatch(/^ok\s/m);
  }, 120_000);
});
