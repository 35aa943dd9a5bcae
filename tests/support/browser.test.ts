import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { browserRequired, candidates, findBrowser } from "./browser.js";

describe("which browser the browser tests drive", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("CHROMIUM_PATH decides alone: a program there, or none (not a file, not executable, not there)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "browser-"));
    dirs.push(dir);
    const plain = join(dir, "chrome");
    await writeFile(plain, "");
    expect(findBrowser({ CHROMIUM_PATH: plain })).toBeUndefined();
    await chmod(plain, 0o755);
    expect(findBrowser({ CHROMIUM_PATH: plain })).toBe(plain);
    expect(findBrowser({ CHROMIUM_PATH: "/nonexistent" })).toBeUndefined();
    expect(findBrowser({ CHROMIUM_PATH: "/dev/null" })).toBeUndefined();
    expect(findBrowser({ CHROMIUM_PATH: dir })).toBeUndefined();
  });

  it("looks at Debian's Chromium, then Chrome, then playwright's downloads, the newest revision first", async () => {
    const cache = await mkdtemp(join(tmpdir(), "ms-playwright-"));
    dirs.push(cache);
    for (const d of ["chromium-1100", "chromium-1200", "firefox-1300"]) await mkdir(join(cache, d));
    const list = candidates({ PLAYWRIGHT_BROWSERS_PATH: cache });
    expect(list[0]).toBe("/usr/bin/chromium");
    expect(list.indexOf("/usr/bin/google-chrome")).toBeGreaterThan(0);
    const downloads = list.filter((p) => p.startsWith(cache));
    expect(downloads[0]).toBe(join(cache, "chromium-1200", "chrome-linux64", "chrome"));
    expect(downloads.some((p) => p.includes("firefox"))).toBe(false);
    expect(downloads.findIndex((p) => p.includes("chromium-1100"))).toBeGreaterThan(downloads.findIndex((p) => p.includes("chromium-1200")));
  });

  it("requires a browser only under CI=true", () => {
    expect(browserRequired({ CI: "true" })).toBe(true);
    expect(browserRequired({})).toBe(false);
  });
});
