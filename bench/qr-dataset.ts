import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative } from "node:path";

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"]);

export interface Sample {
  path: string;
  /** Folder relative to the dataset root, the unit the report groups by. */
  folder: string;
  /** null: the photo must decode to nothing. */
  expected: string | null;
}

/**
 * Images with a same-name .txt (expected text) or .json ({ "expected": null | "text" }), and
 * every image under a folder named falsepositives*; other images are not part of the set.
 */
export async function loadSamples(root: string): Promise<Sample[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const samples: Sample[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
    const folder = relative(root, dirname(path)) || ".";
    const expected = await expectation(path, folder);
    if (expected !== undefined) samples.push({ path, folder, expected });
  }
  return samples.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
}

async function expectation(path: string, folder: string): Promise<string | null | undefined> {
  const stem = join(dirname(path), basename(path, extname(path)));
  const json = await readFile(`${stem}.json`, "utf8").catch(() => undefined);
  if (json !== undefined) {
    const parsed = JSON.parse(json) as { expected?: string | null };
    if (parsed.expected === null) return null;
    if (typeof parsed.expected === "string") return parsed.expected.trimEnd();
  }
  const text = await readFile(`${stem}.txt`, "utf8").catch(() => undefined);
  if (text !== undefined) return text.trimEnd();
  if (folder.split(/[\\/]/).some((part) => part.startsWith("falsepositives"))) return null;
  return undefined;
}

export type Verdict = "correct" | "wrong" | "falseRead" | "missed" | "empty";

/** A read is correct when any decoded text equals the expected one after trimming trailing whitespace. */
export function judge(expected: string | null, texts: string[]): Verdict {
  const trimmed = texts.map((text) => text.trimEnd());
  if (expected === null) return trimmed.length > 0 ? "falseRead" : "empty";
  if (trimmed.includes(expected)) return "correct";
  return trimmed.length > 0 ? "wrong" : "missed";
}
