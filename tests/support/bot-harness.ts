import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Connection } from "mongoose";
import { afterAll, beforeAll } from "vitest";
import { createBot, type AssembledBot } from "../../bot/create-bot.js";
import { installResidentFeatures } from "../../handlers/index.js";
import { startFakeTelegramApi, type FakeTelegramApi } from "../../simulator/telegram-emulator.js";
import { createStores, type Stores } from "../../models/index.js";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { decodeQr } from "../../services/qr/decode-qr.js";
import { seedDemoRegistry, type DemoRegistry } from "../../services/registry/demo-registry.js";
import { reportLinks } from "../../services/registry/report-link.js";
import { createCodeVerifier } from "../../services/registry/verify-code.js";
import { createWardDirectory } from "../../services/routing/ward-directory.js";
import { useTestDatabase } from "./database.js";
import { noWait } from "./retry-timing.js";

export const TEST_SIGNING_KEY = "test-signing-key-for-bot-tests";

export interface BotHarness {
  api: FakeTelegramApi;
  stores: Stores;
  demo: DemoRegistry;
  assembled: AssembledBot;
  /** Starts (or restarts, as a new process would) the bot polling the fake API. */
  start(): Promise<void>;
  stop(): Promise<void>;
  now: { value: Date };
  /** Each backoff a retry asked for (none is slept). */
  retryWaits: number[];
  /** What the bot logged (info and up, or TEST_LOG_LEVEL), parsed. */
  logs: Record<string, unknown>[];
}

/** The whole bot against the fake Bot API and the test database, seeded with the Huế demo registry. */
export async function startBotHarness(
  conn: Connection,
  env: Record<string, string> = {},
  /** Installs another branch's features (e.g. officers') before the resident ones. */
  extra?: (assembled: AssembledBot) => void,
  rateLimit = { limit: 200, timeFrameMs: 10_000 },
): Promise<BotHarness> {
  const api = await startFakeTelegramApi();
  const stores = createStores(conn);
  await stores.syncIndexes();
  const demo = await seedDemoRegistry(stores, TEST_SIGNING_KEY);
  const directory = createWardDirectory(stores.wards);
  await directory.refresh();
  const config = loadConfig({ BOT_TOKEN: "123:TEST", TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: "silent", ...env });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "info", {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      if (process.env.TEST_LOG_LEVEL) process.stdout.write(line);
    },
  });
  const now = { value: new Date("2026-11-23T03:00:00Z") };
  const retryWaits: number[] = [];
  const verifier = createCodeVerifier({ venues: stores.venues, directory, signingKey: TEST_SIGNING_KEY, maxDistanceM: 200, reportLinks: reportLinks(config) });
  const assemble = () => {
    const a = createBot(
      { config, logger, stores, decoder: { decode: (b) => decodeQr(b) }, directory, verifier, clock: () => now.value },
      { botInfo: api.botInfo, throttle: false, rateLimit, retryTiming: noWait(retryWaits) },
    );
    extra?.(a);
    installResidentFeatures(a.bot, a.deps);
    return a;
  };
  let runner: RunnerHandle | undefined;
  const harness: BotHarness = {
    api, stores, demo, now, logs, retryWaits,
    assembled: assemble(),
    async start() {
      if (runner?.isRunning()) await runner.stop();
      harness.assembled = assemble();
      runner = run(harness.assembled.bot, { runner: { fetch: { timeout: 1 } } });
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      await api.close();
    },
  };
  return harness;
}

/**
 * A test file's resident bot on a database of its own, with the default settings: started
 * before the file's tests, stopped after them. Read it in a test (or a later beforeAll).
 */
export function useBotHarness(): () => BotHarness {
  const db = useTestDatabase();
  let h: BotHarness | undefined;
  beforeAll(async () => {
    h = await startBotHarness(db());
    await h.start();
  });
  afterAll(() => h?.stop());
  return () => {
    if (!h) throw new Error("the bot harness starts in beforeAll");
    return h;
  };
}
