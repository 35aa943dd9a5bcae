import type { Stores } from "../models/index.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createDecoderPool, type DecoderPool } from "../services/qr/decoder-pool.js";
import { registrySigningKey } from "../services/registry/signing-key.js";
import type { SigningKeys } from "../services/registry/payload.js";
import { createCodeVerifier } from "../services/registry/verify-code.js";
import { createWardDirectory } from "../services/routing/ward-directory.js";
import { reportLinks } from "../services/registry/report-link.js";
import type { ChannelCore } from "../bot/deps.js";
import { createI18n } from "../services/text/i18n.js";
import { createMetrics, type AppMetrics } from "./metrics.js";

export type BotCore = ChannelCore & {
  metrics: AppMetrics;
  /** The poster signing keys, for the simulator's demo posters. */
  signingKey: SigningKeys;
  /** The pool behind `decoder`, for readiness. */
  decoderStatus: DecoderPool["status"];
  close(): Promise<void>;
};

const DIRECTORY_CHECK_MS = 60_000;

/** What every channel's bot shares: one decoder pool, one ward directory, one verifier, one metrics registry, the texts. */
export async function createBotCore(config: Config, logger: Logger, stores: Stores): Promise<BotCore> {
  const clock = () => new Date();
  const directory = createWardDirectory(stores.wards, { configured: config.servedProvinces, venueWardCodes: stores.venues.wardCodes });
  logger.info(await directory.refresh(), "ward directory loaded");
  const signingKey = registrySigningKey(config, logger);
  const verifier = createCodeVerifier({
    venues: stores.venues, directory, signingKey, maxDistanceM: config.venueMaxDistanceM,
    reportLinks: reportLinks(config),
  });
  // An import by the CLI or on another instance changes the stored wards; every instance reloads.
  const watch = setInterval(() => {
    directory.refreshIfChanged().then(
      (changed) => changed && logger.info("ward directory reloaded after an import"),
      (err: unknown) => logger.warn({ err }, "ward directory check failed"),
    );
  }, DIRECTORY_CHECK_MS);
  watch.unref();
  const pool = createDecoderPool();
  const metrics = createMetrics({ stores, decoder: pool, clock });
  const texts = createI18n(config.defaultLocale);
  const t: BotCore["t"] = (locale, key, args) => texts.t(locale, key, args);
  return {
    decoder: metrics.instrumentDecoder(pool), directory, verifier, signingKey, clock, metrics, t,
    decoderStatus: () => pool.status(),
    close: () => {
      clearInterval(watch);
      return pool.close();
    },
  };
}
