import type { Config } from "../platform/config.js";
import { connectDatabase } from "../platform/database.js";
import type { Logger } from "../platform/logger.js";
import { createStores, type Stores } from "../models/index.js";
import { createBotCore } from "./core.js";
import { startTelegram } from "../bot/telegram/start-telegram.js";
import { startZalo } from "../bot/zalo/start-zalo.js";
import { channelFeatures } from "./bot-features.js";
import { createServer } from "../server/app.js";
import { routesOf, type RouteEntry } from "../server/route-table.js";
import { operationsRoutes } from "./operations-routes.js";
import { createOutboxWorker } from "../services/notify/outbox-worker.js";
import type { ChannelSender } from "../services/notify/resident-message.js";
import { startBotRecordPruning } from "../services/housekeeping/prune-bot-records.js";
import { OPEN311_PREFIX, open311Plugin } from "../open311/plugin.js";
import { CONSOLE_PREFIX, consolePlugin } from "../console/plugin.js";
import { REPORTS_PREFIX, reportsPlugin } from "../public-reports/plugin.js";
import { reportLinks } from "../services/registry/report-link.js";
import { createWardResolver } from "../services/routing/resolve-ward.js";
import { startPhotoRetention } from "../services/housekeeping/prune-closed-photos.js";
import { startTextRetention } from "../services/housekeeping/drop-closed-text.js";
import { prepareSimulator } from "../simulator/start-simulator.js";
import { startInspectionSchedule } from "../services/registry/inspection-schedule.js";
import { randomBytes } from "node:crypto";
import { embeddedCapacity } from "../services/housekeeping/embedded-capacity.js";

export interface RunningApp {
  stores: Stores;
  /** Where the HTTP server listens (e.g. http://127.0.0.1:8080); unset when nothing needs one. */
  httpUrl?: string;
  /** Every HTTP route with its audience (server/route-table.ts). */
  routes: RouteEntry[];
  stop(): Promise<void>;
}

/**
 * Opens the database and starts every channel the configuration enables. Without a bot token
 * the simulator stands in for Telegram and Zalo: the same channels start, against its emulators.
 */
export async function startApp(base: Config, logger: Logger): Promise<RunningApp> {
  const db = await connectDatabase(base, logger);
  const stores = createStores(db.connection);
  await stores.syncIndexes();
  const capacity = embeddedCapacity({ backend: db.backend, limit: base.embeddedTicketLimit, countTickets: () => stores.tickets.countAll(), logger, clock: () => new Date() });
  await capacity.check();
  const simulator = base.simulator ? await prepareSimulator(base, logger, stores, db.connection) : undefined;
  const config = simulator?.config ?? base;
  // Without any chat channel (no token, SIMULATOR=off) the HTTP surfaces (Open311, operations) still run.
  if (!config.botToken && !config.zalo) logger.info("BOT_TOKEN is not set and SIMULATOR=off: running in offline mode (no chat channel)");

  const core = await createBotCore(config, logger, stores);
  const server = createServer({ publicUrl: config.publicUrl, trustProxy: config.trustProxy, logger });
  const intake = {
    decoder: core.decoder,
    verifier: core.verifier,
    resolveWard: createWardResolver({ directory: core.directory, venues: stores.venues }),
  };
  await server.register(open311Plugin({ stores, intake, directory: core.directory, clock: core.clock, logger, defaultLocale: config.defaultLocale, publicUrl: config.publicUrl, ...config.open311 }), {
    prefix: OPEN311_PREFIX,
  });
  await server.register(consolePlugin({ stores, directory: core.directory, clock: core.clock, logger, defaultLocale: config.defaultLocale, publicUrl: config.publicUrl, mapTileUrl: config.mapTileUrl,
    posters: { signingKey: core.signingKey, links: reportLinks(config) }, silentAfterDays: config.silentAfterDays, capacity: () => capacity.current() }), {
    prefix: CONSOLE_PREFIX,
  });
  await server.register(reportsPlugin({ stores, directory: core.directory, clock: core.clock, logger, defaultLocale: config.defaultLocale, links: reportLinks(config), mapTileUrl: config.mapTileUrl }), { prefix: REPORTS_PREFIX });
  core.metrics.observeWebhooks(server);
  await server.register(
    operationsRoutes({
      metrics: core.metrics,
      allowFrom: config.opsAllowFrom,
      token: config.opsToken,
      checks: {
        database: async () => ((await db.connection.db!.admin().ping()).ok === 1 ? true : "ping refused"),
        decoder: async () => (core.decoderStatus().threads > 0 ? true : "no decoder thread"),
      },
      details: { database: () => capacity.current() },
    }),
  );
  const features = channelFeatures(core);
  const telegram = config.botToken ? await startTelegram(config, logger, stores, core, server, { botInfo: simulator?.botInfo, features: features.telegram }) : undefined;
  const zalo = config.zalo
    ? await startZalo({ config, zalo: config.zalo, logger, stores, conn: db.connection, core, server, features: features.zalo })
    : undefined;
  simulator?.mount(server, { directory: core.directory, signingKey: core.signingKey });
  const httpUrl = await server.listen({ host: config.httpHost, port: config.httpPort });
  logger.info({ url: httpUrl, open311: `${httpUrl}${OPEN311_PREFIX}`, console: `${httpUrl}${CONSOLE_PREFIX}` }, "HTTP server listening");
  await telegram?.receive();
  zalo?.receive();
  simulator?.announce();

  // Residents' notifications, each on the channel they reported from.
  const senders: Partial<Record<"telegram" | "zalo", ChannelSender>> = {};
  if (telegram) senders.telegram = telegram.sender;
  if (zalo) senders.zalo = zalo.sender;
  const notifications = createOutboxWorker({ outbox: stores.outbox, accounts: stores.accounts, senders, clock: core.clock, logger });
  notifications.start();
  const pruning = startBotRecordPruning({ stores, clock: core.clock, logger });
  const retention = startPhotoRetention({ stores, clock: core.clock, logger, retentionDays: config.photoRetentionDays });
  const textRetention = startTextRetention({ stores, clock: core.clock, logger, retentionDays: config.textRetentionDays });
  const schedule = config.inspectionsSchedule;
  const stopInspections = schedule
    ? startInspectionSchedule({ ...stores, clock: core.clock, logger, instance: randomBytes(4).toString("hex") }, { ...schedule, silentDays: config.silentAfterDays, perWardWeek: config.inspectionsPerWardWeek })
    : undefined;
  return {
    stores,
    httpUrl,
    routes: routesOf(server),
    async stop() {
      await telegram?.stop();
      await zalo?.stop();
      await notifications.stop();
      pruning.stop();
      retention.stop();
      textRetention.stop();
      stopInspections?.();
      await simulator?.stop();
      await server.close();
      await core.close();
      await db.close();
    },
  };
}
