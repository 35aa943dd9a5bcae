import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { CONSOLE_LINK_TTL_MS } from "../../../services/access/console-links.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramTestUser } from "../../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness(db(), { HTTP_HOST: "0.0.0.0", HTTP_PORT: "8123", PUBLIC_URL: "https://qr.hue.example" }, (a) =>
    a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })),
  );
  await h.start();
});
afterAll(() => h?.stop());

describe("/web in the private chat", () => {
  it("a resident is told it is for staff; a supervisor gets a link valid for 10 minutes, without a preview", async () => {
    const resident = new TelegramTestUser(h.api, 9101);
    await resident.say("/web");
    await resident.expectReply(/Lệnh này dành cho cán bộ/);

    const sup = new TelegramTestUser(h.api, 9102);
    await sup.say("/start");
    await sup.expectReply(/./);
    const account = await h.stores.accounts.ensure("telegram", "9102");
    await h.stores.accounts.grantRole(account.id, "supervisor", { provinceCode: "46" });
    await sup.say("/web");
    // Served on every address, the link names PUBLIC_URL (required then), never the request's host.
    // Not \b: a token that ends in '-' (1 in 64) has no word boundary before the end of the text.
    const reply = await sup.expectReply(/https:\/\/qr\.hue\.example\/console\/sign-in\/[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/);
    expect(reply.text).toMatch(/hết hạn lúc 10:10 23\/11\/2026/);
    const sent = h.api.calls.findLast((c) => c.method === "sendMessage" && c.params.chat_id === 9102)!;
    expect(sent.params.link_preview_options).toMatchObject({ is_disabled: true });
    expect(CONSOLE_LINK_TTL_MS).toBe(10 * 60 * 1000);
    expect((await h.stores.audit.of("account", account.id)).map((e) => e.action)).toContain("console_link");
  });
});
