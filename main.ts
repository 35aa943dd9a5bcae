import "dotenv/config";
import { ConfigError, loadConfig } from "./platform/config.js";
import { startApp } from "./app/start-app.js";
import { createLogger, prettyDestination } from "./platform/logger.js";

/** The only place that reads process.env: everything below takes its configuration as an argument. */
let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const logger = createLogger(config.logLevel, process.stdout.isTTY ? prettyDestination() : undefined);
const app = await startApp(config, logger).catch((e: unknown) => {
  logger.fatal({ err: e }, "start-up failed");
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // A hung dependency must not keep the process alive past the orchestrator's patience.
    setTimeout(() => process.exit(1), 4_000).unref();
    app.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
