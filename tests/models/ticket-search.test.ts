import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { ticketWorld } from "../support/ticket-world.js";

describe("searching tickets by venue or address", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  beforeAll(async () => {
    w = await ticketWorld(db());
  });

  it("finds by part of the address or the venue's name, within the ward only, and treats input literally", async () => {
    const mine = await w.ticket("new");
    await w.ticket("new", { wardCode: "W2" });
    const byAddress = await w.stores.tickets.search({ wardCode: "W1" }, "bạch đằng", [], 10);
    expect(byAddress.map((t) => t.number)).toEqual([mine.number]);
    const codes = await w.stores.venues.codesByName("bún bò", 10);
    expect((await w.stores.tickets.search({ wardCode: "W1" }, "bún bò", codes, 10)).map((t) => t.number)).toEqual([mine.number]);
    expect(await w.stores.tickets.search({ wardCode: "W1" }, ".*", [], 10)).toEqual([]);
  });
});
