import { randomBytes } from "node:crypto";
import mongoose, { type Connection } from "mongoose";
import { afterAll, beforeAll, inject } from "vitest";

/** One database command as the driver sent it: its kind ("find accounts") and collection. */
export interface LoggedCommand {
  kind: string;
  collection: string;
}

/**
 * A fresh database for the calling test file, on a connection whose every command is logged
 * (the driver's command monitoring): `during(work)` returns what `work` sent. Counting commands,
 * not timing them, tells whether a cost grows, also on a loaded machine.
 */
export function useLoggedDatabase(): { db: () => Connection; during: (work: () => Promise<unknown>) => Promise<LoggedCommand[]> } {
  let connection: Connection | undefined;
  let log: LoggedCommand[] | undefined;
  beforeAll(async () => {
    connection = mongoose.createConnection(inject("mongoUri"), { dbName: `t_${randomBytes(6).toString("hex")}`, autoIndex: false, monitorCommands: true });
    await connection.asPromise();
    connection.getClient().on("commandStarted", (e) => {
      const collection = (e.command as Record<string, unknown>)[e.commandName];
      if (log && typeof collection === "string") log.push({ kind: `${e.commandName} ${collection}`, collection });
    });
  });
  afterAll(async () => {
    if (!connection) return;
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });
  return {
    db: () => {
      if (!connection) throw new Error("the test database is opened in beforeAll");
      return connection;
    },
    async during(work) {
      log = [];
      try {
        await work();
        return log;
      } finally {
        log = undefined;
      }
    },
  };
}
