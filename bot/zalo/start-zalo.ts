import type { FastifyInstance } from "fastify";
import type { Connection } from "mongoose";
import type { Stores } from "../../models/index.js";
import type { Config, ZaloConfig } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { registerZaloWebhook } from "./inbound/webhook.js";
import type { ChannelSender } from "../../services/notify/resident-message.js";
import type { BotCore } from "../../app/core.js";
import { createBot, installFeatures } from "../create-bot.js";
import { ZALO_BOT_INFO } from "./bot.js";
import { createZaloChannel } from "./channel.js";
import { zaloFileDownloader } from "./inbound/download-file.js";

export interface RunningZalo {
  /** Residents' notifications on Zalo, for the app's outbox worker. */
  sender: ChannelSender;
  stop(): Promise<void>;
}

/**
 * Runs the resident features on Zalo: the same grammY composers as on Telegram, their
 * Bot API calls answered from Zalo, events arriving on POST /zalo of `server`.
 */
export async function startZalo(
  o: { config: Config; zalo: ZaloConfig; logger: Logger; stores: Stores; conn: Connection; core: BotCore; server: FastifyInstance },
): Promise<RunningZalo> {
  const logger = o.logger.child({ channel: "zalo" });
  let translate: (locale: string, key: string, args?: Record<string, string>) => string = (_l, key) => key;
  const channel = createZaloChannel({ config: o.zalo, conn: o.conn, logger, t: (l, k, a) => translate(l, k, a) });
  await channel.syncIndexes();
  // The token is never sent anywhere: every Bot API call is answered by the Zalo channel's fetch.
  const { bot, deps, i18n } = createBot(
    {
      config: { ...o.config, botToken: o.config.botToken ?? "0:zalo" },
      logger, stores: o.stores, ...o.core, channel: "zalo", downloadFile: zaloFileDownloader(),
    },
    { botInfo: ZALO_BOT_INFO, throttle: false, fetch: channel.fetch },
  );
  translate = (locale, key, args) => i18n.t(locale, key, args);
  installFeatures(bot, deps);
  await bot.init();
  channel.attach(bot);
  registerZaloWebhook(o.server, channel.webhook);
  await channel.worker.start();
  logger.info("Zalo channel receiving events on POST /zalo");
  return {
    sender: channel.residentSender,
    async stop() {
      await channel.worker.stop();
    },
  };
}
