import { spawn, execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Logger } from "../logger.js";
import type { EmbeddedMongo } from "./types.js";

const run = promisify(execFile);
const SOURCE_DIR = fileURLToPath(new URL("../../tools/mongo-embedded/", import.meta.url));
/** What the binary is built from: every Go source but the tests (its own packages' too), and the module files. */
const sourceFiles = async () => (await readdir(SOURCE_DIR, { recursive: true })).filter((f) => /^go\.(mod|sum)$|(?<!_test)\.go$/.test(f)).sort();

export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "qr-checkin-report");
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Builds tools/mongo-embedded once per source version and Go version; the binary
 * is named by a hash of both, so any edited Go file or go.mod rebuilds by itself.
 */
export async function ensureFerretBinary(cacheDir: string, logger: Logger): Promise<string> {
  let goVersion: string;
  try {
    goVersion = (await run("go", ["env", "GOVERSION"])).stdout.trim();
  } catch (e) {
    throw new Error("Go is not installed, so the embedded FerretDB server cannot be built", { cause: e });
  }
  const hash = createHash("sha256").update(goVersion);
  for (const f of await sourceFiles()) hash.update(await readFile(join(SOURCE_DIR, f)));
  const binary = join(cacheDir, `mongo-embedded-${hash.digest("hex").slice(0, 16)}`);
  if (await exists(binary)) return binary;

  await mkdir(cacheDir, { recursive: true });
  const partial = `${binary}.partial-${process.pid}`;
  const started = Date.now();
  logger.info({ binary }, "building the embedded FerretDB server (first run only, about a minute)");
  try {
    await run("go", ["build", "-trimpath", "-o", partial, "."], {
      cwd: SOURCE_DIR,
      env: { ...process.env, CGO_ENABLED: "0" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`building the embedded FerretDB server failed: ${err.stderr || err.message}`, { cause: e });
  }
  // Rename is atomic, so concurrent first runs never execute a half-written file.
  await rename(partial, binary);
  logger.info({ ms: Date.now() - started }, "embedded FerretDB server built");
  return binary;
}

export async function startFerretDb(
  opts: { dataDir: string; cacheDir: string; logger: Logger; startTimeoutMs?: number },
): Promise<EmbeddedMongo> {
  const binary = await ensureFerretBinary(opts.cacheDir, opts.logger);
  await mkdir(opts.dataDir, { recursive: true });
  const child = spawn(binary, ["-dir", opts.dataDir], { stdio: ["ignore", "pipe", "pipe"] });

  const uri = await new Promise<string>((resolve, reject) => {
    let out = "";
    let errText = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`embedded FerretDB did not start within ${opts.startTimeoutMs ?? 20_000} ms: ${errText}`));
    }, opts.startTimeoutMs ?? 20_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const m = /^READY (\S+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      errText = (errText + chunk).slice(-4000);
      // FerretDB warns about every command it does not implement (e.g. endSessions); debug level keeps runs readable.
      opts.logger.debug({ ferretdb: chunk.trim() }, "embedded FerretDB says");
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded FerretDB exited with code ${code}: ${errText}`));
    });
  });

  return {
    uri,
    backend: "ferretdb",
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
