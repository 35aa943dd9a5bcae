import type { Stores } from "../models/index.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createDecoderPool } from "../services/qr/decoder-pool.js";
import { registrySigningKey } from "../services/registry/signing-key.js";
import { createCodeVerifier } from "../services/registry/verify-code.js";
import { createWardDirectory } from "../services/routing/ward-directory.js";
import type { BotDeps } from "../bot/deps.js";
import { createI18n } from "../bot/i18n.js";

export type BotCore = Pick<BotDeps, "decoder" | "directory" | "verifier" | "clock"> & {
  /** The texts, for what a channel says outside a bot's update (its bridge, notifications). */
  t: (locale: string, key: string, args?: Record<string, string>) => string;
  close(): Promise<void>;
};

/** What every channel's bot shares: one decoder pool, one ward directory, one verifier, the texts. */
export async function createBotCore(config: Config, logger: Logger, stores: Stores): Promise<BotCore> {
  const directory = createWardDirectory(stores.wards);
  logger.info(await directory.refresh(), "ward directory loaded");
  const verifier = createCodeVerifier({
    venues: stores.venues, directory, signingKey: registrySigningKey(config, logger), maxDistanceM: config.venueMaxDistanceM,
  });
  const decoder = createDecoderPool();
  const texts = createI18n(stores.accounts, config.defaultLocale);
  const t: BotCore["t"] = (locale, key, args) => texts.t(locale, key, args);
  return { decoder, directory, verifier, clock: () => new Date(), t, close: () => decoder.close() };
}
