import { beforeAll, describe, expect, it } from "vitest";
import { createStores, type Stores } from "../../models/index.js";
import { useTestDatabase } from "../support/database.js";

const db = useTestDatabase();
let stores: Stores;
const LEASE = 60_000;
const at = new Date("2026-11-23T03:00:00Z");
const later = (ms: number) => new Date(at.getTime() + ms);

beforeAll(async () => {
  stores = createStores(db());
  await stores.syncIndexes();
});

describe("the once-only update claim", () => {
  it("lets one of two concurrent deliveries through, and none after the handler finished", async () => {
    const claims = await Promise.all([1, 2, 3].map(() => stores.processedUpdates.claim("telegram", 1, at, LEASE)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await stores.processedUpdates.finish("telegram", 1);
    expect(await stores.processedUpdates.claim("telegram", 1, later(10 * LEASE), LEASE)).toBe(false);
  });

  it("lets the redelivery through once the failed handler released its claim", async () => {
    expect(await stores.processedUpdates.claim("telegram", 2, at, LEASE)).toBe(true);
    expect(await stores.processedUpdates.claim("telegram", 2, later(1000), LEASE)).toBe(false);
    await stores.processedUpdates.release("telegram", 2);
    expect(await stores.processedUpdates.claim("telegram", 2, later(2000), LEASE)).toBe(true);
  });

  it("lets a redelivery through after the lease of a handler that never came back", async () => {
    expect(await stores.processedUpdates.claim("telegram", 3, at, LEASE)).toBe(true);
    expect(await stores.processedUpdates.claim("telegram", 3, later(LEASE - 1), LEASE)).toBe(false);
    expect(await stores.processedUpdates.claim("telegram", 3, later(LEASE + 1), LEASE)).toBe(true);
    expect(await stores.processedUpdates.claim("telegram", 3, later(LEASE + 2), LEASE)).toBe(false);
  });

  it("keeps channels apart", async () => {
    expect(await stores.processedUpdates.claim("telegram", 4, at, LEASE)).toBe(true);
    expect(await stores.processedUpdates.claim("zalo", 4, at, LEASE)).toBe(true);
  });
});
