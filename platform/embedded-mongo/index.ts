import { join } from "node:path";
import type { Logger } from "../logger.js";
import { defaultCacheDir, startFerretDb } from "./ferretdb.js";
import { tryMemoryServer } from "./memory-server.js";
import type { EmbeddedMongo } from "./types.js";

export type { EmbeddedMongo, EmbeddedBackend } from "./types.js";
export { sharedEmbeddedMongo } from "./shared.js";

export class NoDatabaseError extends Error {
  constructor(readonly reasons: string[]) {
    super(
      "No database: MONGODB_URI is not set and no embedded server could be started.\n" +
        reasons.map((r) => `  - ${r}`).join("\n") +
        "\nSet MONGODB_URI to a MongoDB server, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/qr-checkin",
    );
    this.name = "NoDatabaseError";
  }
}

/**
 * Starts an embedded MongoDB-compatible server: a real mongod where one can be
 * downloaded, else FerretDB built from tools/mongo-embedded. `dataDir` keeps data
 * across restarts; tests pass a temporary folder.
 */
export async function startEmbeddedMongo(opts: {
  dataDir: string;
  logger: Logger;
  cacheDir?: string;
  prefer?: "auto" | "ferretdb";
}): Promise<EmbeddedMongo> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const reasons: string[] = [];
  if (opts.prefer !== "ferretdb") {
    const mongod = await tryMemoryServer({ dbPath: join(opts.dataDir, "mongod"), cacheDir, logger: opts.logger });
    if (mongod) return mongod;
    reasons.push("mongodb-memory-server could not get a mongod binary");
  }
  try {
    return await startFerretDb({ dataDir: join(opts.dataDir, "ferretdb"), cacheDir, logger: opts.logger });
  } catch (e) {
    reasons.push((e as Error).message);
    throw new NoDatabaseError(reasons);
  }
}
