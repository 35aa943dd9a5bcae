import Fastify from "fastify";
import type { Connection } from "mongoose";
import { createBot } from "../../bot/create-bot.js";
import { installResidentFeatures } from "../../handlers/index.js";
import { createI18n } from "../../services/text/i18n.js";
import { ZALO_BOT_INFO } from "../../bot/zalo/bot.js";
import { createZaloInbound, createZaloOutbound } from "../../bot/zalo/channel.js";
import { ZALO_DOWNLOAD_LIMITS, zaloFileDownloader, type ZaloDownloadLimits } from "../../bot/zalo/inbound/download-file.js";
import { registerZaloWebhook } from "../../bot/zalo/inbound/webhook.js";
import { startFakeZaloApi } from "../../simulator/zalo-emulator.js";
import { createStores } from "../../models/index.js";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { decodeQr } from "../../services/qr/decode-qr.js";
import { seedDemoRegistry } from "../../services/registry/demo-registry.js";
import { createCodeVerifier } from "../../services/registry/verify-code.js";
import { createWardDirectory } from "../../services/routing/ward-directory.js";
import type { RetryTiming } from "../../bot/outbound-retry.js";
import { noWait } from "./retry-timing.js";
import { ZALO_TEST_KEYS, zaloResident } from "./zalo.js";

export const ZALO_WORLD_SIGNING_KEY = "test-signing-key-for-zalo-tests";

/**
 * The Zalo channel as the app wires it (sending half, the real bot with every feature on it,
 * receiving half), over a fake OA API, with POST /zalo on a local server. Tickets are numbered
 * by `ticketClock`; Zalo's own bookkeeping (reply window, tokens) reads `zaloClock` (default: the real clock).
 */
export async function startZaloWorld(
  conn: Connection,
  o: {
    downloads?: ZaloDownloadLimits;
    ticketClock?: () => Date;
    zaloClock?: () => Date;
    rateLimit?: { limit: number; timeFrameMs: number };
    /** How retries wait (default: NO_WAIT, the backoffs recorded in `waits`, not slept). */
    retryTiming?: RetryTiming;
  } = {},
) {
  const fake = await startFakeZaloApi(ZALO_TEST_KEYS);
  const stores = createStores(conn);
  await stores.syncIndexes();
  await seedDemoRegistry(stores, ZALO_WORLD_SIGNING_KEY);
  const directory = createWardDirectory(stores.wards);
  await directory.refresh();
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const verifier = createCodeVerifier({ venues: stores.venues, directory, signingKey: ZALO_WORLD_SIGNING_KEY, maxDistanceM: 200 });
  const zalo = { ...ZALO_TEST_KEYS, initialRefreshToken: ZALO_TEST_KEYS.refreshToken, apiRoot: fake.root, oauthRoot: fake.root };
  const texts = createI18n("vi");
  const t = (locale: string, key: string, args?: Record<string, string>) => texts.t(locale, key, args);
  const clock = o.zaloClock ?? (() => new Date());
  const waits: number[] = [];
  const retryTiming = o.retryTiming ?? noWait(waits);
  const outbound = createZaloOutbound({ config: zalo, conn, logger, t, clock, retryTiming });
  const assembled = createBot(
    {
      config, logger, stores, decoder: { decode: (b) => decodeQr(b) }, directory, verifier, clock: o.ticketClock ?? clock,
      channel: "zalo", downloadFile: zaloFileDownloader(o.downloads ?? ZALO_DOWNLOAD_LIMITS),
    },
    { botInfo: ZALO_BOT_INFO, throttle: false, transport: outbound.transport, rateLimit: o.rateLimit, retryTiming },
  );
  installResidentFeatures(assembled.bot, assembled.deps);
  const inbound = createZaloInbound({ config: zalo, conn, logger, t, clock, bot: assembled.bot, outbound });
  await outbound.syncIndexes();
  await inbound.syncIndexes();
  const app = Fastify();
  await registerZaloWebhook(app, inbound.webhook);
  // The same webhook in a process that dies right after answering 200: nothing processes what it stored.
  await registerZaloWebhook(app, { ...inbound.webhook, onStored: () => undefined, path: "/zalo-then-crash" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    fake,
    waits,
    stores,
    assembled,
    outbound,
    inbound,
    base,
    t,
    resident: (userId: string) => zaloResident({ webhookUrl: `${base}/zalo`, fake, userId, settle: () => inbound.worker.drain() }),
    async close() {
      await inbound.worker.stop();
      await app.close();
      await fake.close();
    },
  };
}

export type ZaloWorld = Awaited<ReturnType<typeof startZaloWorld>>;
