import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramDeadlineNotifier } from "../../../bot/telegram/deadline-notifier.js";
import { createLogger } from "../../../platform/logger.js";
import { DEFAULT_DEADLINES, dueDates, sweepDeadlines } from "../../../services/tickets/deadlines.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramTestUser } from "../../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness(db());
});
afterAll(() => h?.stop());

describe("deadline messages on Telegram", () => {
  it("the ward group is reminded and the province's supervisor gets the escalation, once each", async () => {
    const group = new TelegramTestUser(h.api, 9001, "vi", -100777);
    const supervisorUser = new TelegramTestUser(h.api, 9002);
    await h.stores.wardGroups.bind("19815", "-100777", "test");
    const sup = await h.stores.accounts.ensure("telegram", "9002");
    await h.stores.accounts.grantRole(sup.id, "supervisor", { provinceCode: "46" });
    const opened = h.now.value;
    const t = await h.stores.tickets.create({
      number: "HUE-2611-0900",
      violationType: "unscannable",
      wardCode: "19815",
      provinceCode: "46",
      verdict: "no_code",
      report: { accountId: "r", channel: "telegram", violationType: "unscannable", at: opened, evidenceIds: [], flags: [] },
      event: { at: opened, actorRole: "system", action: "opened", to: "new" },
      ...dueDates(DEFAULT_DEADLINES, "46", opened),
    });
    const deps = (instance: string) => ({
      ...h.stores,
      clock: () => h.now.value,
      policy: DEFAULT_DEADLINES,
      instance,
      notifier: telegramDeadlineNotifier({ api: h.assembled.bot.api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger: createLogger("silent"), defaultLocale: "vi" }),
    });
    h.now.value = new Date(opened.getTime() + 21 * 3600e3);
    await Promise.all([sweepDeadlines(deps("a")), sweepDeadlines(deps("b"))]);
    await group.expectReply(new RegExp(`⏰ Báo cáo ${t.number} cần được tiếp nhận trước`));
    h.now.value = new Date(opened.getTime() + 25 * 3600e3);
    await Promise.all([sweepDeadlines(deps("a")), sweepDeadlines(deps("b"))]);
    await supervisorUser.expectReply(new RegExp(`🚨 Báo cáo ${t.number} của phường/xã 19815 chưa được tiếp nhận`));
    const sends = h.api.calls.filter((c) => c.method === "sendMessage" && String(c.params.text).includes(t.number));
    expect(sends).toHaveLength(2);
  });
});
