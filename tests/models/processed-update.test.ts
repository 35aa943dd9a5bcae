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
  const claim = (id: number, owner: string, when: Date, channel = "telegram") => stores.processedUpdates.claim(channel, id, owner, when, LEASE);

  it("lets one of concurrent deliveries through, tells the others it is busy, and skips every one after it finished", async () => {
    const claims = await Promise.all(["a", "b", "c"].map((owner) => claim(1, owner, at)));
    expect(claims.filter((c) => c === "mine")).toHaveLength(1);
    expect(claims.filter((c) => c === "busy")).toHaveLength(2);
    await stores.processedUpdates.finish("telegram", 1);
    expect(await claim(1, "d", later(10 * LEASE))).toBe("done");
  });

  it("lets the redelivery through once the failed handler released its claim, and only the holder releases", async () => {
    expect(await claim(2, "a", at)).toBe("mine");
    expect(await claim(2, "b", later(1000))).toBe("busy");
    await stores.processedUpdates.release("telegram", 2, "b");
    expect(await claim(2, "b", later(1500))).toBe("busy");
    await stores.processedUpdates.release("telegram", 2, "a");
    expect(await claim(2, "b", later(2000))).toBe("mine");
  });

  it("lets a redelivery through after the lease of a handler that stopped renewing it", async () => {
    expect(await claim(3, "a", at)).toBe("mine");
    expect(await claim(3, "b", later(LEASE - 1))).toBe("busy");
    expect(await claim(3, "b", later(LEASE + 1))).toBe("mine");
    expect(await claim(3, "c", later(LEASE + 2))).toBe("busy");
    // The first handler comes back: its lease is gone, so it renews nothing; when it finishes, the update was handled.
    expect(await stores.processedUpdates.renew("telegram", 3, "a", later(3 * LEASE))).toBe(false);
    await stores.processedUpdates.release("telegram", 3, "a");
    expect(await claim(3, "c", later(2 * LEASE + 3))).toBe("mine");
    await stores.processedUpdates.finish("telegram", 3);
    expect(await claim(3, "d", later(10 * LEASE))).toBe("done");
  });

  it("keeps a claim whose handler renews its lease", async () => {
    expect(await claim(5, "a", at)).toBe("mine");
    expect(await stores.processedUpdates.renew("telegram", 5, "a", later(2 * LEASE))).toBe(true);
    expect(await claim(5, "b", later(LEASE + 1))).toBe("busy");
  });

  it("keeps channels apart", async () => {
    expect(await claim(4, "a", at)).toBe("mine");
    expect(await claim(4, "a", at, "zalo")).toBe("mine");
  });
});
