import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { LEGACY_KEY_ID, type SigningKeys } from "./payload.js";

export class MissingSigningKeyError extends Error {
  constructor() {
    super("REGISTRY_SIGNING_KEY is not set; it signs official poster payloads (at least 16 characters)");
    this.name = "MissingSigningKeyError";
  }
}

type KeyConfig = Pick<Config, "registrySigningKey" | "offline" | "dataDir"> & Partial<Pick<Config, "registrySigningKeyId" | "registryRetiredKeys">>;

/**
 * REGISTRY_SIGNING_KEY with its id and the retired keys, or in offline mode a development key
 * derived from DATA_DIR (stable across restarts of one local installation, useless anywhere
 * else), with a warning.
 */
export function registrySigningKey(config: KeyConfig, logger: Logger): SigningKeys {
  const retired = config.registryRetiredKeys ?? [];
  if (config.registrySigningKey) return { current: { id: config.registrySigningKeyId ?? LEGACY_KEY_ID, secret: config.registrySigningKey }, retired };
  if (!config.offline) throw new MissingSigningKeyError();
  logger.warn("REGISTRY_SIGNING_KEY is not set: using a development key derived from DATA_DIR; posters signed with it are for local runs only");
  const secret = createHash("sha256").update(`qr-checkin development key:${resolve(config.dataDir)}`).digest("base64url");
  return { current: { id: LEGACY_KEY_ID, secret }, retired };
}
