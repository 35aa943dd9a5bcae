import { randomBytes } from "node:crypto";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, inject } from "vitest";
import { openConnection } from "../../platform/database.js";

/**
 * Opens a fresh database for the calling test file on the run's server and drops
 * it afterwards. Returns a getter because the connection exists only after beforeAll.
 */
export function useTestDatabase(): () => Connection {
  let connection: Connection | undefined;
  beforeAll(async () => {
    connection = await openConnection(inject("mongoUri"), `t_${randomBytes(6).toString("hex")}`);
  });
  afterAll(async () => {
    if (!connection) return;
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });
  return () => {
    if (!connection) throw new Error("the test database is opened in beforeAll");
    return connection;
  };
}
