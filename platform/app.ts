import type { Config } from "./config.js";
import { connectDatabase } from "./database.js";
import type { Logger } from "./logger.js";
import { createStores, type Stores } from "../models/index.js";
import { startTelegram } from "../bot/start-telegram.js";

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
  return {
    stores,
    async stop() {
      await telegram?.stop();
      await db.close();
    },
  };
}
