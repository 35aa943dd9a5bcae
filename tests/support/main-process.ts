import { spawn, type ChildProcess } from "node:child_process";

const root = new URL("../..", import.meta.url).pathname;

/** `npm start` as a child process with exactly `env` (plus PATH), its output collected. */
export function startMainProcess(env: Record<string, string>, opts: { echo?: boolean } = {}) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (c: Buffer) => {
    output += c.toString();
    if (opts.echo) process.stderr.write(c);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    async waitFor(pattern: RegExp, ms: number): Promise<void> {
      const until = Date.now() + ms;
      while (!pattern.test(output)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** SIGTERM, then waits for the exit. */
    async stop(): Promise<number | null> {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export type MainProcess = ReturnType<typeof startMainProcess>;
