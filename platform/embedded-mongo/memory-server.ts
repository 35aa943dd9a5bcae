import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../logger.js";
import type { EmbeddedMongo } from "./types.js";

/** After a failed download, go straight to the fallback for this long instead of retrying every start. */
const FAILURE_MEMORY_MS = 60 * 60 * 1000;
const ATTEMPT_TIMEOUT_MS = 20_000;

function markerPath(cacheDir: string): string {
  return join(cacheDir, "mongodb-memory-server.unavailable");
}

async function failedRecently(cacheDir: string, now: number): Promise<string | undefined> {
  try {
    const { at, reason } = JSON.parse(await readFile(markerPath(cacheDir), "utf8")) as { at: number; reason: string };
    return now - at < FAILURE_MEMORY_MS ? reason : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A real mongod through mongodb-memory-server. Returns undefined (with the reason logged)
 * when no binary can be had, e.g. on machines without internet access.
 */
export async function tryMemoryServer(opts: {
  dbPath?: string;
  cacheDir: string;
  logger: Logger;
}): Promise<EmbeddedMongo | undefined> {
  const remembered = await failedRecently(opts.cacheDir, Date.now());
  if (remembered) {
    opts.logger.info({ reason: remembered }, "mongodb-memory-server failed recently; not retrying");
    return undefined;
  }
  // Fewer retries: on an offline machine each one only adds seconds before the fallback.
  process.env.MONGOMS_MAX_RETRIES ??= "1";
  const { MongoBinary, MongoMemoryServer } = await import("mongodb-memory-server");
  if (opts.dbPath) await mkdir(opts.dbPath, { recursive: true });
  // The binary first: a failed download then stays our one log line, instead of the library's
  // console warning with a stack trace that creating the server prints.
  const attempt = MongoBinary.getPath().then((binary) =>
    MongoMemoryServer.create({
      binary: { systemBinary: binary },
      instance: opts.dbPath ? { dbPath: opts.dbPath, storageEngine: "wiredTiger" } : {},
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no mongod within ${ATTEMPT_TIMEOUT_MS} ms`)), ATTEMPT_TIMEOUT_MS);
  });
  try {
    const server = await Promise.race([attempt, timeout]);
    return { uri: server.getUri(), backend: "mongodb-memory-server", stop: async () => void (await server.stop()) };
  } catch (e) {
    attempt.then((s) => s.stop()).catch(() => undefined);
    // One line: "Download failed for url …, Details: getaddrinfo ENOTFOUND fastdl.mongodb.org".
    const reason = (e as Error).message.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 2).join(" ") || "unknown";
    opts.logger.info({ reason }, "mongodb-memory-server unavailable");
    await mkdir(opts.cacheDir, { recursive: true });
    await writeFile(markerPath(opts.cacheDir), JSON.stringify({ at: Date.now(), reason }));
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
