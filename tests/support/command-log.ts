import { randomBytes } from "node:crypto";
import mongoose, { type Connection } from "mongoose";
import { afterAll, beforeAll, inject } from "vitest";

/** One database command as the driver sent it: its kind, collection and whether it selects by _id. */
export interface LoggedCommand {
  kind: string;
  collection: string;
  byId: boolean;
}

/** The selectors of a command (find, findAndModify, update, delete, count); none for an insert. */
function selectors(name: string, command: Record<string, unknown>): Record<string, unknown>[] {
  const list = (key: string, field: string) => ((command[key] as Record<string, unknown>[] | undefined) ?? []).map((s) => (s[field] ?? {}) as Record<string, unknown>);
  if (name === "find" || name === "count") return [(command.filter ?? command.query ?? {}) as Record<string, unknown>];
  if (name === "findAndModify") return [(command.query ?? {}) as Record<string, unknown>];
  if (name === "update") return list("updates", "q");
  if (name === "delete") return list("deletes", "q");
  return [];
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
      const command = e.command as Record<string, unknown>;
      const collection = command[e.commandName];
      if (!log || typeof collection !== "string") return;
      const selected = selectors(e.commandName, command);
      log.push({ kind: `${e.commandName} ${collection}`, collection, byId: selected.length > 0 && selected.every((s) => "_id" in s) });
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
