import { randomBytes } from "node:crypto";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFakeTelegramApi, type FakeTelegramApi } from "../../simulator/telegram-emulator.js";
import { createStores } from "../../models/index.js";
import { openConnection } from "../../platform/database.js";
import { notifyReporters } from "../../services/notify/ticket-changed.js";
import { seedDemoRegistry } from "../../services/registry/demo-registry.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { startMainProcess, type MainProcess } from "../support/main-process.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const KEY = "main-process-test-signing-key";
let api: FakeTelegramApi;
let conn: Connection;
let app: MainProcess | undefined;
let payload = "";

beforeAll(async () => {
  api = await startFakeTelegramApi();
  const dbName = `t_main_${randomBytes(5).toString("hex")}`;
  conn = await openConnection(inject("mongoUri"), dbName);
  const stores = createStores(conn);
  await stores.syncIndexes();
  payload = (await seedDemoRegistry(stores, KEY)).payloads["HUE-0006"]!;
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${dbName}`;
  app = startMainProcess(
    {
      BOT_TOKEN: "42:any-token", TELEGRAM_API_ROOT: api.apiRoot, MONGODB_URI: uri.href,
      REGISTRY_SIGNING_KEY: KEY, HTTP_PORT: "0", LOG_LEVEL: "warn", BOT_MODE: "polling",
    },
    { echo: true },
  );
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
  await api?.close();
});

describe("main.ts with BOT_TOKEN and TELEGRAM_API_ROOT", () => {
  it("sets its command menus and completes a report through getUpdates polling", async () => {
    await api.waitForCall((c) => c.method === "getUpdates", 0, 120_000);
    expect(api.calls.filter((c) => c.method === "setMyCommands").map((c) => (c.params.language_code as string) ?? "default")).toEqual(["default", "en"]);
    const u = new TelegramTestUser(api, 8001);
    await u.say("/report");
    await u.expectReply(/vi phạm nào/, 20_000);
    await u.press("r:t:unscannable");
    await u.expectReply(/Gửi ảnh/);
    await u.sendPhoto(await photograph(await renderTestPoster({ payload, venueName: "Bệnh viện An Cựu", address: "20 Hùng Vương" })));
    await u.expectReply(/Đọc được mã/, 20_000);
    await u.press("r:done");
    await u.expectReply(/vẫn đọc được/);
    await u.press("r:yes");
    await u.sendLocation(16.455, 107.6);
    await u.expectReply(/ghi chú/);
    await u.press("r:skip");
    expect((await u.expectReply(/Kiểm tra lại/)).text).toMatch(/Phường An Cựu/);
    await u.press("r:ok");
    const done = await u.expectReply(/Số báo cáo của bạn: HUE-\d{4}-\d{4}/);
    const stores = createStores(conn);
    const ticket = await stores.tickets.byNumber(/HUE-\d{4}-\d{4}/.exec(done.text)![0]);
    const moved = await stores.tickets.transition(ticket!.id, "new", "inspecting", { at: new Date(), actorRole: "officer", action: "inspect", from: "new", to: "inspecting" });
    await notifyReporters(stores.outbox, moved!, new Date());
    await u.expectReply(new RegExp(`Báo cáo ${ticket!.number} của bạn: đang kiểm tra`), 15_000);
  }, 180_000);
});
