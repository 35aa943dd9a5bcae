import { describe, expect, inject, it } from "vitest";
import { useTestDatabase } from "../support/database.js";

describe("the test database", () => {
  const db = useTestDatabase();

  it("stores and reads back a document on the run's server", async () => {
    const c = db().collection("probe");
    await c.insertOne({ name: "Phường Phú Xuân", n: 1 });
    const found = await c.findOne({ name: "Phường Phú Xuân" });
    expect(found?.n).toBe(1);
    expect(["external", "mongodb-memory-server", "ferretdb"]).toContain(inject("mongoBackend"));
  });
});
