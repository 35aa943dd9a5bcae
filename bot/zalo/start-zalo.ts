import type { FastifyInstance } from "fastify";
import type { Connection } from "mongoose";
import type { Stores } from "../../models/index.js";
import type { Config, ZaloConfig } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { registerZaloWebhook } from "./inbound/webhook.js";
import type { ChannelSender } from "../../services/notify/resident-message.js";
import type { ChannelCore, InstallFeatures } from "../deps.js";
import { createBot } from "../create-bot.js";
import { ZALO_BOT_INFO } from "./bot.js";
import { createZaloInbound, createZaloOutbound } from "./channel.js";
import { zaloFileDownloader } from "./inbound/download-file.js";
import type { ZaloTokenStatus } from "./outbound/tokens.js";

export interface RunningZalo {
  /** Residents' notifications on Zalo, for the app's outbox worker. */
  sender: ChannelSender;
  /** Whether Zalo still accepts our refresh token (for /readyz). */
  tokenStatus(): Promise<ZaloTokenStatus>;
  /** Starts processing stored and new events in the background; call once the server listens. */
  receive(): void;
  stop(): Promise<void>;
}

/**
 * Runs the resident features on Zalo: the same grammY composers as on Telegram, their
 * Bot API calls answered from Zalo, events arriving on POST /zalo of `server`.
 * Built in order, nothing bound late: sending half, then the bot on it, then the receiving half.
 */
export async function startZalo(
  o: { config: Config; zalo: ZaloConfig; logger: Logger; stores: Stores; conn: Connection; core: ChannelCore; server: FastifyInstance; features: InstallFeatures },
): Promise<RunningZalo> {
  const logger = o.logger.child({ channel: "zalo" });
  const { t, clock } = o.core;
  const outbound = createZaloOutbound({ config: o.zalo, conn: o.conn, logger, t, clock });
  const { bot, deps } = createBot(
    { config: o.config, logger, stores: o.stores, ...o.core, channel: "zalo", downloadFile: zaloFileDownloader() },
    { botInfo: ZALO_BOT_INFO, throttle: false, transport: outbound.transport },
  );
  o.features(bot, deps);
  await bot.init();
  const inbound = createZaloInbound({ config: o.zalo, conn: o.conn, logger, t, clock, bot, outbound });
  await outbound.syncIndexes();
  await inbound.syncIndexes();
  registerZaloWebhook(o.server, inbound.webhook);
  return {
    sender: outbound.residentSender,
    tokenStatus: outbound.tokenStatus,
    receive() {
      // The backlog drains in the background: Zalo wants its 200 within seconds, also right after a restart.
      void inbound.worker.start();
      logger.info("Zalo channel receiving events on POST /zalo");
    },
    async stop() {
      await inbound.worker.stop();
    },
  };
}
