import type { Stores } from "../models/index.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createDecoderPool } from "../services/qr/decoder-pool.js";
import { registrySigningKey } from "../services/registry/signing-key.js";
import { createCodeVerifier } from "../services/registry/verify-code.js";
import { createWardDirectory } from "../services/routing/ward-directory.js";
import type { BotDeps } from "../bot/deps.js";

export type BotCore = Pick<BotDeps, "decoder" | "directory" | "verifier" | "clock"> & { signingKey: string; close(): Promise<void> };

/** What every channel's bot shares: one decoder pool, one ward directory, one verifier. */
export async function createBotCore(config: Config, logger: Logger, stores: Stores): Promise<BotCore> {
  const directory = createWardDirectory(stores.wards);
  logger.info(await directory.refresh(), "ward directory loaded");
  const signingKey = registrySigningKey(config, logger);
  const verifier = createCodeVerifier({ venues: stores.venues, directory, signingKey, maxDistanceM: config.venueMaxDistanceM });
  const decoder = createDecoderPool();
  return { decoder, directory, verifier, signingKey, clock: () => new Date(), close: () => decoder.close() };
}
