import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { CliUserError } from "./command.js";

export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CliUserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function readTextInput(path: string): Promise<{ fileName: string; text: string }> {
  return { fileName: basename(path), text: (await readInput(path)).toString("utf8") };
}
