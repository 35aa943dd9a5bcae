import Fastify, { type FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot, installFeatures, type AssembledBot } from "../../../bot/create-bot.js";
import { ZALO_BOT_INFO } from "../../../bot/zalo/bot.js";
import { createZaloChannel, type ZaloChannel } from "../../../bot/zalo/channel.js";
import { zaloFileDownloader } from "../../../bot/zalo/inbound/download-file.js";
import { startFakeZaloApi, type FakeZaloApi } from "../../../simulator/zalo-emulator.js";
import { createStores, type Stores } from "../../../models/index.js";
import { loadConfig } from "../../../platform/config.js";
import { createLogger } from "../../../platform/logger.js";
import { registerZaloWebhook } from "../../../bot/zalo/inbound/webhook.js";
import { createOutboxWorker } from "../../../services/notify/outbox-worker.js";
import { messageReporters, notifyReporters } from "../../../services/notify/ticket-changed.js";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { seedDemoRegistry } from "../../../services/registry/demo-registry.js";
import { signPayload } from "../../../services/registry/payload.js";
import { createCodeVerifier } from "../../../services/registry/verify-code.js";
import { createWardDirectory } from "../../../services/routing/ward-directory.js";
import { useTestDatabase } from "../../support/database.js";
import { photograph, renderTestPoster, type PhotoOptions } from "../../support/posters.js";
import { ZALO_TEST_KEYS, zaloResident } from "../../support/zalo.js";

const SIGNING_KEY = "test-signing-key-for-zalo-tests";
const db = useTestDatabase();
let fake: FakeZaloApi;
let stores: Stores;
let assembled: AssembledBot;
let channel: ZaloChannel;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  fake = await startFakeZaloApi(ZALO_TEST_KEYS);
  stores = createStores(db());
  await stores.syncIndexes();
  await seedDemoRegistry(stores, SIGNING_KEY);
  const directory = createWardDirectory(stores.wards);
  await directory.refresh();
  const config = loadConfig({ BOT_TOKEN: "zalo-oa", LOG_LEVEL: "silent" });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const verifier = createCodeVerifier({ venues: stores.venues, directory, signingKey: SIGNING_KEY, maxDistanceM: 200 });
  const clock = () => new Date("2026-11-23T03:00:00Z");
  channel = createZaloChannel({
    config: { ...ZALO_TEST_KEYS, initialRefreshToken: ZALO_TEST_KEYS.refreshToken, apiRoot: fake.root, oauthRoot: fake.root },
    conn: db(),
    logger,
    t: (locale, key, args) => assembled.i18n.t(locale, key, args),
  });
  assembled = createBot(
    { config, logger, stores, decoder: { decode: (b) => decodeQr(b) }, directory, verifier, clock, channel: "zalo", downloadFile: zaloFileDownloader() },
    { botInfo: ZALO_BOT_INFO, throttle: false, fetch: channel.fetch },
  );
  installFeatures(assembled.bot, assembled.deps);
  channel.attach(assembled.bot);
  await channel.syncIndexes();
  app = Fastify();
  await registerZaloWebhook(app, channel.webhook);
  // The same webhook in a process that dies right after answering 200: nothing processes what it stored.
  await registerZaloWebhook(app, { ...channel.webhook, onStored: () => undefined, path: "/zalo-then-crash" });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const resident = (userId: string) => zaloResident({ webhookUrl: `${base}/zalo`, fake, userId, settle: () => channel.worker.drain() });

async function posterAt(payload: string, options: PhotoOptions = {}): Promise<string> {
  const photo = await photograph(await renderTestPoster({ payload, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi, Phú Xuân, Huế" }), options);
  return fake.hostAttachment(photo, "image/jpeg");
}

/** A venue's entrance with no poster at all: a plain wall. */
async function entranceAt(): Promise<string> {
  const wall = await sharp({ create: { width: 1280, height: 960, channels: 3, background: "#b5651d", noise: { type: "gaussian", mean: 90, sigma: 30 } } }).jpeg().toBuffer();
  return fake.hostAttachment(wall, "image/jpeg");
}

describe("a resident reports on Zalo through the Telegram conversation", () => {
  it("a forged code photographed at a café in Phú Xuân: ticket number on Zalo, ticket recorded as a Zalo report, notified later", async () => {
    const u = resident("8400000000000000501");
    await u.text("/report");
    u.expectReply(/vi phạm nào/);
    await u.press("r:t:wrong_info");
    u.expectReply(/Gửi ảnh chụp mã QR/);
    await u.image(await posterAt(signPayload("HUE-0001", "not-the-real-signing-key")));
    u.expectReply(/Đã nhận ảnh 1\. Đọc được mã/);
    await u.press("r:done");
    expect(u.expectReply(/Gửi vị trí/)).toMatch(/chọn «Vị trí»/);
    await u.location(16.485, 107.57);
    u.expectReply(/ghi chú/);
    await u.text("Mã dán ở cửa không phải của quán");
    const summary = u.expectReply(/Kiểm tra lại báo cáo/);
    expect(summary).toMatch(/mã giả mạo/);
    expect(summary).toMatch(/Phường Phú Xuân/);
    await u.press("r:ok");
    const number = /HUE-2611-\d{4}/.exec(u.expectReply(/Số báo cáo của bạn: HUE-2611-\d{4}/))![0];
    const ticket = await stores.tickets.byNumber(number);
    expect(ticket).toMatchObject({ wardCode: "19753", verdict: "forged", violationType: "wrong_info", state: "new" });
    expect(ticket!.reports[0]!.channel).toBe("zalo");

    // Zalo delivers the confirming tap again: still one ticket, nothing new said.
    expect(await u.redeliver()).toBe(200);
    expect(u.replies()).toEqual([]);
    expect((await stores.tickets.ofReporter(ticket!.reports[0]!.accountId, { skip: 0, limit: 10 })).total).toBe(1);

    // Later, the ward acknowledges: the outbox tells the resident on Zalo, in the free reply window.
    const acknowledged = await stores.tickets.transition(ticket!.id, "new", "acknowledged", { at: new Date(), action: "acknowledge", actorRole: "officer", from: "new", to: "acknowledged" });
    await notifyReporters(stores.outbox, acknowledged!, new Date());
    const outbox = createOutboxWorker({ outbox: stores.outbox, accounts: stores.accounts, senders: { zalo: channel.residentSender }, clock: () => new Date(), logger: createLogger("silent") });
    expect(await outbox.drain()).toBe(1);
    expect(u.replies().map((m) => m.text)).toEqual([assembled.i18n.t("vi", "notify-state-changed", { number, state: assembled.i18n.t("vi", "state-acknowledged") })]);
    expect((await stores.accounts.byId(ticket!.reports[0]!.accountId))?.channel).toBe("zalo");

    // An officer's /reply goes through the same outbox, so it reaches Zalo reporters too.
    await messageReporters(stores.outbox, acknowledged!, "Cảm ơn bạn, phường sẽ kiểm tra trong tuần.", new Date());
    expect(await outbox.drain()).toBe(1);
    expect(u.replies().map((m) => m.text)).toEqual([
      assembled.i18n.t("vi", "reporter-message", { number, text: "Cảm ơn bạn, phường sẽ kiểm tra trong tuần." }),
    ]);
  });

  it.each([
    { type: "unscannable", at: [16.476, 107.585], ward: "19753", photo: () => posterAt(signPayload("HUE-0003", SIGNING_KEY), { blurSigma: 40 }) },
    { type: "no_poster", at: [16.455, 107.6], ward: "19815", photo: entranceAt },
  ])("a $type report with its photo and location gets a ticket number in the ward of the location", async ({ type, at, ward, photo }) => {
    const u = resident(`84000000000000006${type.length}`);
    await u.text("/report");
    await u.press(`r:t:${type}`);
    await u.image(await photo());
    u.expectReply(/Đã nhận ảnh 1/);
    await u.press("r:done");
    await u.location(at[0]!, at[1]!);
    u.expectReply(/ghi chú/);
    await u.text("-");
    u.expectReply(/Kiểm tra lại báo cáo/);
    await u.press("r:ok");
    const number = /HUE-2611-\d{4}/.exec(u.expectReply(/Số báo cáo của bạn/))![0];
    expect(await stores.tickets.byNumber(number)).toMatchObject({ violationType: type, wardCode: ward });
  });

  it("a forged or replayed delivery is refused with 401 and changes nothing", async () => {
    const u = resident("8400000000000000502");
    await u.text("/report");
    u.expectReply(/vi phạm nào/);
    const before = fake.calls.length;
    expect(await u.replayStale()).toBe(401);
    const forged = await fetch(`${base}/zalo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-zevent-signature": "mac=" + "0".repeat(64) },
      body: JSON.stringify({ app_id: ZALO_TEST_KEYS.appId, event_name: "user_send_text", timestamp: String(Date.now()), sender: { id: "8400000000000000502" }, message: { msg_id: "forged-1", text: "#q:r:x" } }),
    });
    expect(forged.status).toBe(401);
    await channel.worker.drain();
    expect(fake.calls.length).toBe(before);
  });

  it("an event acknowledged just before a crash is answered when the channel starts again", async () => {
    const u = resident("8400000000000000503");
    expect(await u.text("/help", `${base}/zalo-then-crash`)).toBe(200);
    expect(u.replies()).toEqual([]);
    await channel.worker.start();
    await channel.worker.stop();
    expect(u.replies()).toHaveLength(1);
  });
});
