import mongoose, { type Connection } from "mongoose";
import type { Config } from "./config.js";
import { sharedEmbeddedMongo, startEmbeddedMongo, type EmbeddedMongo } from "./embedded-mongo/index.js";
import type { Logger } from "./logger.js";

export interface Database {
  connection: Connection;
  backend: "external" | EmbeddedMongo["backend"];
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or, when it is unset, to the embedded server of DATA_DIR: the one
 * another process already runs there, else one started now.
 */
export async function connectDatabase(
  config: Pick<Config, "mongodbUri" | "dataDir">,
  logger: Logger,
): Promise<Database> {
  const embedded = config.mongodbUri
    ? undefined
    : await sharedEmbeddedMongo({ dataDir: config.dataDir, logger, start: () => startEmbeddedMongo({ dataDir: config.dataDir, logger }) });
  const uri = config.mongodbUri ?? embedded!.uri;
  const backend = embedded?.backend ?? "external";
  try {
    const connection = await openConnection(uri, embedded ? "qr-checkin" : undefined);
    logger.info({ backend }, `database ready (${backend})`);
    return {
      connection,
      backend,
      async close() {
        await connection.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

export async function openConnection(uri: string, dbName?: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 10_000,
    // Indexes are created explicitly by syncIndexes at start-up, not lazily per model.
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}
