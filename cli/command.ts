import type { CliContext } from "./context.js";

/** One `npm run cli -- <group> <name> …` command; `group` is empty for top-level commands like `verify`. */
export interface CliCommand {
  group: string;
  name: string;
  usage: string;
  summary: string;
  /** Writes its output through ctx.out; throws CliUserError for mistakes the user can fix. */
  run(args: string[], ctx: CliContext): Promise<void>;
}

/** Exit code 1: bad arguments, unreadable or invalid input, unknown code. */
export class CliUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUserError";
  }
}
