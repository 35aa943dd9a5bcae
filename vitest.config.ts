import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits for an outcome, never measures one: a loaded machine gets as long as a test does.
    expect: { poll: { timeout: 30_000 } },
    pool: "forks",
    // Most files wait on the database server, a child process or a browser rather than on the CPU, so one
    // more file than cores keeps them busy (vitest's default, one fewer, ran a 2-core machine's files one by one).
    maxWorkers: availableParallelism() + 1,
    // A worker keeps its loaded modules from one file to the next: importing the app anew for each of 134 files
    // cost 253 s of the run's 425 s (21 s this way). Every file opens its own database and builds its own app,
    // so no state is shared but the module cache.
    isolate: false,
  },
});
