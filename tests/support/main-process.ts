import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("../..", import.meta.url).pathname;

/**
 * What `npm start` sets before main.ts runs (package.json says it once): its environment
 * (MALLOC_ARENA_MAX) and node's flags (the sizes of V8's heap), so a child started here
 * holds its memory as production does.
 */
function npmStart(): { env: Record<string, string>; nodeArgs: string[] } {
  const script = (JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { scripts: { start: string } }).scripts.start;
  const parts = /^((?:[A-Z_]+=\S+ )*)tsx ((?:--\S+ )*)main\.ts$/.exec(script);
  if (!parts) throw new Error(`npm start is no longer "VAR=value … tsx --flag … main.ts": ${script}`);
  const words = (s: string | undefined) => (s ?? "").split(" ").filter(Boolean);
  return { env: Object.fromEntries(words(parts[1]).map((w) => w.split("=", 2) as [string, string])), nodeArgs: words(parts[2]) };
}

/** faketime's variables: a child started under `faketime` must read the clock the test reads. */
const clockEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && (k === "LD_PRELOAD" || k.startsWith("FAKETIME")))) as Record<string, string>;

/**
 * `npm start` as a child process with exactly `env` (plus PATH, HOME, faketime's variables and what npm start
 * sets), its output collected. `nodeArgs` go to node itself: options such as --cpu-prof, which Node 20 refuses in NODE_OPTIONS.
 */
export function startMainProcess(env: Record<string, string>, opts: { echo?: boolean; nodeArgs?: string[] } = {}) {
  const start = npmStart();
  const child: ChildProcess = spawn(process.execPath, [...start.nodeArgs, ...(opts.nodeArgs ?? []), "--import", "tsx", "main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...clockEnv(), ...start.env, ...env },
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
