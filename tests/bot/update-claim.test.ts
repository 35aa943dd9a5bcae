import type { MiddlewareFn } from "grammy";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { BotContext } from "../../bot/deps.js";
import { CLAIM_LEASE_MS, onceOnly } from "../../bot/update-claim.js";
import type { Stores } from "../../models/index.js";
import { createLogger } from "../../platform/logger.js";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));
afterEach(() => void vi.useRealTimers());

describe("the update claim while its handler works", () => {
  it("is renewed every third of its lease until the handler is done, then marked done", async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const store = {
      claim: async () => "mine" as const,
      renew: async () => {
        calls.push("renew");
        return true;
      },
      finish: async () => void calls.push("finish"),
      release: async () => void calls.push("release"),
    } as unknown as Stores["processedUpdates"];
    const ctx = { update: { update_id: 1 }, logger: createLogger("silent") } as unknown as BotContext;
    let done!: () => void;
    const claim = onceOnly(store, "telegram", () => new Date(), "refuse") as MiddlewareFn<BotContext>;
    const handled = claim(ctx, () => new Promise<void>((r) => (done = r)));
    await vi.advanceTimersByTimeAsync(CLAIM_LEASE_MS - 1);
    expect(calls).toEqual(["renew", "renew"]);
    done();
    await handled;
    await vi.advanceTimersByTimeAsync(3 * CLAIM_LEASE_MS);
    expect(calls).toEqual(["renew", "renew", "finish"]);
  });
});

describe("a poller that meets an update another handler holds", () => {
  it("waits until that handler's lease runs out, then handles the update", async () => {
    const u = new TelegramTestUser(h.api, 7301);
    expect(await h.stores.processedUpdates.claim("telegram", 91001, "dead-instance", h.now.value, CLAIM_LEASE_MS)).toBe("mine");
    await u.sayWithUpdateId("/help", 91001);
    await expect(u.expectReply(/\/mytickets/, 1_000)).rejects.toThrow();
    h.now.value = new Date(h.now.value.getTime() + CLAIM_LEASE_MS + 1);
    await u.expectReply(/\/mytickets — các báo cáo của bạn/, 15_000);
  }, 30_000);
});
