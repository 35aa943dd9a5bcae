import { run, type RunnerHandle } from "@grammyjs/runner";
import type { FastifyInstance } from "fastify";
import type { Stores } from "../models/index.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { ChannelSender } from "../services/notify/resident-message.js";
import { createDecoderPool } from "../services/qr/decoder-pool.js";
import { registrySigningKey } from "../services/registry/signing-key.js";
import { createCodeVerifier } from "../services/registry/verify-code.js";
import { createWardDirectory } from "../services/registry/ward-directory.js";
import { createServer, telegramWebhookPath } from "../server/app.js";
import { officerFeatures } from "../handlers/officer/index.js";
import { startOfficerRuntime } from "../handlers/officer/runtime.js";
import { DEFAULT_DEADLINES } from "../services/tickets/deadlines.js";
import { createBot, installFeatures, publishCommands } from "./create-bot.js";
import { telegramSender } from "./telegram-sender.js";

export interface RunningTelegram {
  /** Residents' notifications on Telegram, for the app's outbox worker. */
  sender: ChannelSender;
  stop(): Promise<void>;
}

/** Connects the bot to Telegram (polling or webhook) and serves the HTTP endpoints. */
export async function startTelegram(config: Config, logger: Logger, stores: Stores): Promise<RunningTelegram> {
  const directory = createWardDirectory(stores.wards);
  logger.info(await directory.refresh(), "ward directory loaded");
  const verifier = createCodeVerifier({
    venues: stores.venues, directory, signingKey: registrySigningKey(config, logger), maxDistanceM: config.venueMaxDistanceM,
  });
  const decoder = createDecoderPool();
  const clock = () => new Date();
  const { bot, deps, i18n } = createBot({ config, logger, stores, decoder, directory, verifier, clock });
  // Officers first: their /start inv_… and group buttons must be seen before the residents' features.
  bot.use(officerFeatures({ stores, clock, logger, config, deadlines: DEFAULT_DEADLINES }));
  installFeatures(bot, deps);
  await bot.init();
  await publishCommands(bot.api, i18n).catch((e: unknown) => logger.warn({ err: e }, "setMyCommands failed"));

  const officers = startOfficerRuntime({ api: bot.api, i18n, stores, clock, logger, defaultLocale: config.defaultLocale, deadlines: DEFAULT_DEADLINES });

  let runner: RunnerHandle | undefined;
  let server: FastifyInstance;
  if (config.botMode === "webhook") {
    const secret = config.webhookSecret!;
    server = createServer({ telegram: { bot, secret } });
    await server.listen({ host: config.httpHost, port: config.httpPort });
    await bot.api.setWebhook(new URL(telegramWebhookPath(secret), config.webhookUrl).href, { secret_token: secret });
    logger.info({ username: bot.botInfo.username }, "Telegram bot receiving updates by webhook");
  } else {
    server = createServer({});
    await server.listen({ host: config.httpHost, port: config.httpPort });
    await bot.api.deleteWebhook();
    runner = run(bot);
    logger.info({ username: bot.botInfo.username }, "Telegram bot polling for updates");
  }
  return {
    sender: telegramSender(bot.api, i18n),
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      officers.stop();
      await server.close();
      await decoder.close();
    },
  };
}
