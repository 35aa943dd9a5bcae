import type { Writable } from "node:stream";
import type { Connection } from "mongoose";
import type { Config } from "../platform/config.js";
import { connectDatabase, type Database } from "../platform/database.js";
import type { Logger } from "../platform/logger.js";
import { createStores, type Stores } from "../models/index.js";
import { createWardDirectory, type WardDirectory } from "../services/routing/ward-directory.js";

/** What commands share; the database starts only when a command first asks for it. */
export interface CliContext {
  config: Config;
  logger: Logger;
  out: Writable;
  /** The one clock; the wall clock in production, a controlled one in tests. */
  clock: () => Date;
  stores(): Promise<Stores>;
  /** The configuration's database connection itself, for commands that work below the stores (db copy). */
  connection(): Promise<Connection>;
  /** The ward directory, loaded from the database on first use. */
  directory(): Promise<WardDirectory>;
  close(): Promise<void>;
}

export function createCliContext(config: Config, logger: Logger, out: Writable, clock: () => Date = () => new Date()): CliContext {
  let db: Promise<{ database: Database; stores: Stores }> | undefined;
  let directory: Promise<WardDirectory> | undefined;
  const open = () =>
    (db ??= (async () => {
      const database = await connectDatabase(config, logger);
      const stores = createStores(database.connection);
      await stores.syncIndexes();
      return { database, stores };
    })());
  const ctx: CliContext = {
    config,
    logger,
    out,
    clock,
    stores: async () => (await open()).stores,
    connection: async () => (await open()).database.connection,
    directory: () =>
      (directory ??= (async () => {
        const stores = await ctx.stores();
        const d = createWardDirectory(stores.wards, { configured: config.servedProvinces, venueWardCodes: stores.venues.wardCodes });
        await d.refresh();
        return d;
      })()),
    async close() {
      if (db) await (await db).database.close();
    },
  };
  return ctx;
}
