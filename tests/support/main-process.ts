import { spawn, type ChildProcess } from "node:child_process";

const root = new URL("../..", import.meta.url).pathname;

/** faketime's variables: a child started under `faketime` must read the clock the test reads. */
const clockEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && (k === "LD_PRELOAD" || k.startsWith("FAKETIME")))) as Record<string, string>;

/**
 * `npm start` as a child process with exactly `env` (plus PATH, HOME and faketime's variables), its output collected.
 * `nodeArgs` go to node itself: options such as --cpu-prof, which Node 20 refuses in NODE_OPTIONS.
 */
export function startMainProcess(env: Record<string, string>, opts: { echo?: boolean; nodeArgs?: string[] } = {}) {
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", "main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...clockEnv(), ...env },
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
