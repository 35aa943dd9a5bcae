import type { Writable } from "node:stream";
import { ConfigError, loadConfig } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import { ImportInputError } from "../services/registry/import-report.js";
import { MissingSigningKeyError } from "../services/registry/signing-key.js";
import { CliUserError, type CliCommand } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { createCliContext } from "./context.js";

export const EXIT = { ok: 0, user: 1, internal: 2 } as const;

function usage(commands: CliCommand[]): string {
  return "usage: npm run cli -- <command>\n" + commands.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`).join("\n") + "\n";
}

function find(args: string[], commands: CliCommand[]): { command: CliCommand; rest: string[] } | undefined {
  const [first, second, ...rest] = args;
  const grouped = commands.find((c) => c.group !== "" && c.group === first && c.name === second);
  if (grouped) return { command: grouped, rest };
  const top = commands.find((c) => c.group === "" && c.name === first);
  return top ? { command: top, rest: args.slice(1) } : undefined;
}

const isUserError = (e: unknown) =>
  e instanceof CliUserError || e instanceof ImportInputError || e instanceof MissingSigningKeyError || e instanceof ConfigError;

/**
 * Runs one command and returns its exit code: 0 success, 1 a mistake the user can fix (with a
 * clear message on `err`), 2 an internal error. Never calls process.exit, so tests run it in-process.
 */
export async function runCli(
  args: string[],
  io: { env: Record<string, string | undefined>; out: Writable; err: Writable },
  commands: CliCommand[] = COMMANDS,
): Promise<number> {
  const found = find(args, commands);
  if (!found || args.includes("--help")) {
    (found || args.length === 0 || args.includes("--help") ? io.out : io.err).write(usage(commands));
    return found || args.length === 0 || args.includes("--help") ? EXIT.ok : EXIT.user;
  }
  let close = async () => {};
  try {
    const config = loadConfig(io.env);
    // Administrators read the command's output; the logger only speaks up for warnings.
    const logger = createLogger(io.env.LOG_LEVEL ?? "warn", io.err as unknown as Parameters<typeof createLogger>[1]);
    const ctx = createCliContext(config, logger, io.out);
    close = () => ctx.close();
    await found.command.run(found.rest, ctx);
    return EXIT.ok;
  } catch (e) {
    io.err.write(isUserError(e) ? `error: ${(e as Error).message}\n` : `internal error: ${(e as Error).stack ?? String(e)}\n`);
    return isUserError(e) ? EXIT.user : EXIT.internal;
  } finally {
    await close().catch(() => undefined);
  }
}
