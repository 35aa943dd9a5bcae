import { Writable } from "node:stream";
import type { Connection } from "mongoose";
import type { CliContext } from "../../cli/context.js";
import { createStores } from "../../models/index.js";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { createWardDirectory } from "../../services/routing/ward-directory.js";

/** A CLI context on the test database that collects what a command prints. */
export function testCliContext(conn: Connection, env: Record<string, string> = {}, clock: () => Date = () => new Date()): CliContext & { printed: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  const stores = createStores(conn);
  return {
    config: loadConfig(env),
    logger: createLogger("silent"),
    out,
    clock,
    stores: async () => stores,
    connection: async () => conn,
    directory: async () => {
      const d = createWardDirectory(stores.wards);
      await d.refresh();
      return d;
    },
    close: async () => {},
    printed: () => Buffer.concat(chunks).toString("utf8"),
  };
}
