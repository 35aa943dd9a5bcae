import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { openConnection } from "../../platform/database.js";
import { freePort } from "../../simulator/free-port.js";
import { launchBrowser, openPage } from "./browser.js";
import { startMainProcess, type MainProcess } from "./main-process.js";

export interface SimulatorPage {
  page: Page;
  /** The page's own origin, e.g. http://127.0.0.1:41234. */
  base: string;
  /** Errors the page's console and scripts reported. */
  errors: string[];
  /** The app's DATA_DIR, removed after the file's tests: room for files a test uploads. */
  dataDir: string;
}

/**
 * `npm start` without a token (the simulator) on a database of its own, and Chromium on its
 * page, for the tests of one file: started before them, stopped and dropped after them.
 */
export function useSimulatorPage(name: string): () => SimulatorPage {
  let app: MainProcess | undefined;
  let browser: Browser | undefined;
  let opened: SimulatorPage | undefined;
  let dataDir = "";
  const dbName = `t_${name}_${randomBytes(5).toString("hex")}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `qr-${name}-`));
    const port = await freePort("127.0.0.1");
    const base = `http://127.0.0.1:${port}`;
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${dbName}`;
    app = startMainProcess({ MONGODB_URI: uri.href, DATA_DIR: dataDir, HTTP_PORT: String(port), LOG_LEVEL: "info" });
    // Loaded machines: the sample photos are made on first start, with the rest of the suite running.
    await app.waitFor(/Mở http:\/\/127\.0\.0\.1:\d+\/ để dùng thử/, 150_000);
    browser = await launchBrowser();
    const { page, errors } = await openPage(browser, `${base}/`);
    opened = { page, base, errors, dataDir };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    const conn = await openConnection(inject("mongoUri"), dbName);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  return () => {
    if (!opened) throw new Error("the simulator page is not open (beforeAll failed?)");
    return opened;
  };
}

/** The newest message in a phone whose text matches. */
export async function expectMessage(phone: Locator, pattern: RegExp, timeout = 20_000): Promise<string> {
  const message = phone.locator(".msg").filter({ hasText: pattern }).last();
  await message.waitFor({ timeout });
  return message.innerText();
}

/** Types a message into a phone and sends it. */
export async function say(phone: Locator, text: string): Promise<void> {
  await phone.locator("input[name=text]").fill(text);
  await phone.locator(".send").click();
}
