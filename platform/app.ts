import type { Config } from "./config.js";
import { connectDatabase } from "./database.js";
import type { Logger } from "./logger.js";
import { createStores, type Stores } from "../models/index.js";
import { startTelegram } from "../bot/start-telegram.js";
import { createOutboxWorker } from "../services/notify/outbox-worker.js";

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
  const telegram = config.offline ? undefined : await startTelegram(config, logger, stores);
  // Residents' notifications, each on the channel they reported from; a channel adds its sender here.
  const notifications = createOutboxWorker({
    outbox: stores.outbox, accounts: stores.accounts, senders: telegram ? { telegram: telegram.sender } : {}, clock: () => new Date(), logger,
  });
  if (telegram) notifications.start();
  return {
    stores,
    async stop() {
      await notifications.stop();
      await telegram?.stop();
      await db.close();
    },
  };
}
