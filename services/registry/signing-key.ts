import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";

export class MissingSigningKeyError extends Error {
  constructor() {
    super("REGISTRY_SIGNING_KEY is not set; it signs official poster payloads (at least 16 characters)");
    this.name = "MissingSigningKeyError";
  }
}

/**
 * REGISTRY_SIGNING_KEY, or in offline mode a development key derived from DATA_DIR (stable
 * across restarts of one local installation, useless anywhere else), with a warning.
 */
export function registrySigningKey(config: Pick<Config, "registrySigningKey" | "offline" | "dataDir">, logger: Logger): string {
  if (config.registrySigningKey) return config.registrySigningKey;
  if (!config.offline) throw new MissingSigningKeyError();
  logger.warn("REGISTRY_SIGNING_KEY is not set: using a development key derived from DATA_DIR; posters signed with it are for local runs only");
  return createHash("sha256").update(`qr-checkin development key:${resolve(config.dataDir)}`).digest("base64url");
}
