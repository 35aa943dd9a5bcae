import { run, type RunnerHandle } from "@grammyjs/runner";
import type { FastifyInstance } from "fastify";
import type { UserFromGetMe } from "grammy/types";
import type { Stores } from "../../models/index.js";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import type { ChannelSender } from "../../services/notify/resident-message.js";
import { registerTelegramWebhook, telegramWebhookUrl } from "./webhook.js";
import { startOfficerRuntime } from "./officer-runtime.js";
import type { ChannelCore, InstallFeatures } from "../deps.js";
import { createBot, publishCommands } from "../create-bot.js";
import { telegramSender } from "./telegram-sender.js";

export interface RunningTelegram {
  /** Residents' notifications on Telegram, for the app's outbox worker. */
  sender: ChannelSender;
  /** Starts receiving updates; call once the HTTP server listens. */
  receive(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the Telegram bot and, in webhook mode, its route on `server`. */
export async function startTelegram(
  config: Config, logger: Logger, stores: Stores, core: ChannelCore, server: FastifyInstance, options: { botInfo?: UserFromGetMe; features: InstallFeatures },
): Promise<RunningTelegram> {
  const { bot, deps, i18n } = createBot({ config, logger, stores, ...core }, { botInfo: options.botInfo });
  core.metrics.instrumentBot(bot, "telegram");
  options.features(bot, deps);
  await bot.init();

  const secret = config.webhookSecret;
  if (config.botMode === "webhook" && secret) registerTelegramWebhook(server, bot, secret, config.webhookUrl);
  let runner: RunnerHandle | undefined;
  let officers: { stop(): void } | undefined;
  return {
    sender: telegramSender(bot.api, i18n),
    async receive() {
      // Here rather than at build time: a Bot API served by this app's own server (the simulator) answers only now.
      await publishCommands(bot.api, i18n).catch((e: unknown) => logger.warn({ err: e }, "setMyCommands failed"));
      // Ticket cards and deadline reminders are Telegram messages, so they start with the bot.
      officers = startOfficerRuntime({ api: bot.api, i18n, stores, clock: core.clock, logger, defaultLocale: config.defaultLocale });
      if (config.botMode === "webhook" && secret) {
        await bot.api.setWebhook(telegramWebhookUrl(secret, config.webhookUrl!), { secret_token: secret });
        logger.info({ username: bot.botInfo.username }, "Telegram bot receiving updates by webhook");
      } else {
        await bot.api.deleteWebhook();
        runner = run(bot);
        logger.info({ username: bot.botInfo.username }, "Telegram bot polling for updates");
      }
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      officers?.stop();
    },
  };
}
