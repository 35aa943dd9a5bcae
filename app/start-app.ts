import type { Config } from "../platform/config.js";
import { connectDatabase } from "../platform/database.js";
import type { Logger } from "../platform/logger.js";
import { createStores, type Stores } from "../models/index.js";
import { createBotCore } from "./core.js";
import { startTelegram } from "../bot/telegram/start-telegram.js";
import { startZalo } from "../bot/zalo/start-zalo.js";
import { createServer } from "../server/app.js";
import { createOutboxWorker } from "../services/notify/outbox-worker.js";
import type { ChannelSender } from "../services/notify/resident-message.js";
import { startBotRecordPruning } from "../services/housekeeping/prune-bot-records.js";

export interface RunningApp {
  stores: Stores;
  stop(): Promise<void>;
}

/** Opens the database and starts every channel the configuration enables. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const db = await connectDatabase(config, logger);
  const stores = createStores(db.connection);
  await stores.syncIndexes();
  if (config.offline) logger.info("BOT_TOKEN is not set: running in offline mode (no Telegram connection)");
  if (config.offline && !config.zalo) return { stores, stop: () => db.close() };

  const core = await createBotCore(config, logger, stores);
  const server = createServer();
  const telegram = config.offline ? undefined : await startTelegram(config, logger, stores, core, server);
  const zalo = config.zalo
    ? await startZalo({ config, zalo: config.zalo, logger, stores, conn: db.connection, core, server })
    : undefined;
  await server.listen({ host: config.httpHost, port: config.httpPort });
  await telegram?.receive();
  zalo?.receive();

  // Residents' notifications, each on the channel they reported from.
  const senders: Partial<Record<"telegram" | "zalo", ChannelSender>> = {};
  if (telegram) senders.telegram = telegram.sender;
  if (zalo) senders.zalo = zalo.sender;
  const notifications = createOutboxWorker({ outbox: stores.outbox, accounts: stores.accounts, senders, clock: core.clock, logger });
  notifications.start();
  const pruning = startBotRecordPruning({ stores, clock: core.clock, logger });
  return {
    stores,
    async stop() {
      await telegram?.stop();
      await zalo?.stop();
      await notifications.stop();
      pruning.stop();
      await server.close();
      await core.close();
      await db.close();
    },
  };
}
