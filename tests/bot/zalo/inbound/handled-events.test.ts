import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendSignedZaloEvent } from "../../../../simulator/zalo-emulator.js";
import { useLoggedDatabase, type LoggedCommand } from "../../../support/command-log.js";
import { ZALO_TEST_KEYS } from "../../../support/zalo.js";
import { startZaloWorld, type ZaloWorld } from "../../../support/zalo-world.js";

const { db, during } = useLoggedDatabase();
let world: ZaloWorld;
beforeAll(async () => {
  world = await startZaloWorld(db());
});
afterAll(() => world?.close());

const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
// 300 events in all: as telling as 2,000 (any read that grew with the events differs after the first few), at a seventh of the cost.
const residents = Array.from({ length: 30 }, (_, i) => `84100000000000${String(i).padStart(5, "0")}`);
let seq = 0;
// Stored and answered 200 by the webhook, but handled only when the test drains the inbox (the world's
// "/zalo-then-crash" route stores without waking the worker), so the burst is handled as a backlog.
const help = (userId: string) =>
  sendSignedZaloEvent(`${world.base}/zalo-then-crash`, { event_name: "user_send_text", sender: { id: userId }, recipient: { id: "oa" }, message: { msg_id: `h${++seq}`, text: "/help" } }, keys);

/** `rounds` messages from each resident, delivered as Zalo does (a few at a time, interleaved), then handled. */
async function burst(rounds: number): Promise<void> {
  const order = Array.from({ length: rounds * residents.length }, (_, i) => residents[i % residents.length]!);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < order.length) expect(await help(order[next++]!)).toBe(200);
    }),
  );
  await world.inbound.worker.drain();
}

/** Commands by kind. The queue's polls are left out: how many passes a drain makes depends on timing. */
const tally = (log: LoggedCommand[]) =>
  Object.fromEntries(
    [...new Set(log.map((c) => c.kind))]
      .filter((k) => k !== "find zaloinboxes")
      .sort()
      .map((k) => [k, log.filter((c) => c.kind === k).length]),
  );

/**
 * How many documents each collection holds that the message read (found, updated or deleted in).
 * On the embedded FerretDB only _id filters reach SQLite and even those scan, so a read's cost
 * follows its collection's size; an insert's unique check is an index lookup on every backend.
 */
async function scanned(log: LoggedCommand[]): Promise<Record<string, number>> {
  const collections = [...new Set(log.filter((c) => !c.kind.startsWith("insert")).map((c) => c.collection))].sort();
  return Object.fromEntries(await Promise.all(collections.map(async (c) => [c, await db().collection(c).countDocuments()])));
}

describe("a lone message after 300 handled events", () => {
  it("costs the same database commands as before, and nothing it reads grew with the events", { timeout: 600_000 }, async () => {
    const lone = world.resident("8410000000000099999");
    // Everyone's first contact (user, account, Zalo name) happens before the first measurement:
    // the first 30 of the 300 events.
    await lone.text("/help");
    await burst(1);

    const beforeLog = await during(() => lone.text("/help"));
    lone.expectReply(/\/report/);
    const before = { commands: tally(beforeLog), scanned: await scanned(beforeLog) };

    await burst(9);
    expect(await world.inbound.inbox.countByState("pending")).toBe(0);
    expect(world.fake.messageTimes(residents[0]!)).toHaveLength(10);

    const afterLog = await during(() => lone.text("/help"));
    lone.expectReply(/\/report/);
    const after = { commands: tally(afterLog), scanned: await scanned(afterLog) };

    expect(after.commands).toEqual(before.commands);
    // Whatever it reads lies in collections that did not grow with the 300 events (the handled
    // events' keys, kept to recognise redeliveries, are only ever inserted into).
    expect(after.scanned).toEqual(before.scanned);
    // Handled events left the queue: its poll reads nothing however many were handled.
    expect(after.scanned.zaloinboxes ?? 0).toBe(0);
  });
});
