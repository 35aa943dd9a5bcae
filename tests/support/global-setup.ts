import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../platform/embedded-mongo/index.js";
import { createLogger } from "../../platform/logger.js";
import { BROWSER, browserRequired, NO_BROWSER_LINE } from "./browser.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    mongoBackend: string;
  }
}

/** One database server per test run; each test file opens its own database on it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "info");
  const external = process.env.MONGODB_URI;
  let embedded: EmbeddedMongo | undefined;
  let dataDir: string | undefined;
  if (external) {
    project.provide("mongoUri", external);
    project.provide("mongoBackend", "external");
  } else {
    dataDir = await mkdtemp(join(tmpdir(), "qr-checkin-test-db-"));
    embedded = await startEmbeddedMongo({ dataDir, logger });
    project.provide("mongoUri", embedded.uri);
    project.provide("mongoBackend", embedded.backend);
  }
  console.log(`tests use the database backend: ${embedded?.backend ?? "external (MONGODB_URI)"}`);
  if (!BROWSER && !browserRequired()) console.log(NO_BROWSER_LINE);
  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
