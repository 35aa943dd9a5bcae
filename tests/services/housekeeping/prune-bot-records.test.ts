import { beforeAll, describe, expect, it } from "vitest";
import { createStores, type Stores } from "../../../models/index.js";
import { createLogger } from "../../../platform/logger.js";
import { pruneBotRecords, RETENTION } from "../../../services/housekeeping/prune-bot-records.js";
import { useTestDatabase } from "../../support/database.js";

const db = useTestDatabase();
let stores: Stores;
const logger = createLogger("silent");
const DAY = 24 * 60 * 60 * 1000;
const LEASE = 60_000;

beforeAll(async () => {
  stores = createStores(db());
  await stores.syncIndexes();
});

describe("pruning the bot's bookkeeping", () => {
  it("forgets update ids older than the retention, and still refuses a re-delivery of a recent one", async () => {
    const now = new Date();
    expect(await stores.processedUpdates.claim("telegram", 1001, "a", new Date(now.getTime() - RETENTION.processedUpdatesMs - DAY), LEASE)).toBe("mine");
    expect(await stores.processedUpdates.claim("telegram", 1002, "a", new Date(now.getTime() - DAY), LEASE)).toBe("mine");
    for (const id of [1001, 1002]) await stores.processedUpdates.finish("telegram", id);

    const pruned = await pruneBotRecords({ stores, clock: () => now, logger });

    expect(pruned.updates).toBe(1);
    expect(await stores.processedUpdates.claim("telegram", 1002, "b", now, LEASE)).toBe("done");
    expect(await stores.processedUpdates.claim("telegram", 1001, "b", now, LEASE)).toBe("mine");
  });

  it("drops conversations untouched for longer than the retention and keeps live ones", async () => {
    await stores.botState.write("conv:abandoned", { step: "photo" });
    const aWeekAndADayLater = () => new Date(Date.now() + RETENTION.conversationsMs + DAY);
    expect((await pruneBotRecords({ stores, clock: aWeekAndADayLater, logger })).conversations).toBe(1);
    expect(await stores.botState.read("conv:abandoned")).toBeUndefined();

    await stores.botState.write("conv:live", { step: "location" });
    expect((await pruneBotRecords({ stores, clock: () => new Date(), logger })).conversations).toBe(0);
    expect(await stores.botState.read("conv:live")).toEqual({ step: "location" });
  });
});
