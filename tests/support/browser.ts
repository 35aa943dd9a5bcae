import { readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { describe } from "vitest";

/** Where a Chromium-family browser usually is: Debian's, Google Chrome's, then playwright's own downloads. */
export function candidates(env: NodeJS.ProcessEnv): string[] {
  const cache = env.PLAYWRIGHT_BROWSERS_PATH ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ms-playwright");
  // Newest playwright download first: its folders are named by revision.
  const downloads = (() => {
    try {
      return readdirSync(cache).filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d)).sort((a, b) => Number(b.split("-")[1]) - Number(a.split("-")[1]));
    } catch {
      return [];
    }
  })().flatMap((d) => ["chrome-linux64/chrome", "chrome-linux/chrome", "chrome-headless-shell-linux64/chrome-headless-shell"].map((f) => join(cache, d, f)));
  return [
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ...downloads,
  ];
}

const isProgram = (path: string) => {
  try {
    const s = statSync(path);
    return s.isFile() && (s.mode & 0o111) !== 0;
  } catch {
    return false;
  }
};

/** The browser the tests drive: `CHROMIUM_PATH` if set (and only it), else the first one found; undefined where none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH !== undefined) return isProgram(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return candidates(env).find(isProgram);
}

/** CI must run the browser tests; elsewhere they are skipped where no browser is found. */
export const browserRequired = (env: NodeJS.ProcessEnv = process.env) => env.CI === "true";

/** The one line a run without a browser prints (tests/support/global-setup.ts), saying how to enable the browser tests. */
export const NO_BROWSER_LINE =
  "browser tests skipped: no Chromium found (install Debian's chromium or Google Chrome, or set CHROMIUM_PATH to a Chromium-family browser)";

export const BROWSER = findBrowser();

/**
 * `describe` for tests that drive a browser. Where it skips, vitest skips the whole file's
 * hooks too (every test in it skipped), so no server or database starts for nothing.
 */
export const describeInBrowser: typeof describe = BROWSER || browserRequired() ? describe : (describe.skip as typeof describe);

const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Screenshots are CI artifacts, kept out of git (.gitignore lists the folder). */
export const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;

/** The browser found, kept off the network: the pages under test need nothing from outside. */
export async function launchBrowser(): Promise<Browser> {
  if (!BROWSER) throw new Error(`CI=true requires the browser tests, and ${NO_BROWSER_LINE.replace("browser tests skipped: ", "")}`);
  return chromium.launch({ executablePath: BROWSER, args: FLAGS, headless: true });
}
/** A page of a desktop size with its console errors collected (a broken script fails the test that reads them). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "vi-VN" });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // A failed request is reported below with its address.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path });
  return path;
}
