import type { Database } from "../../platform/database.js";
import type { Logger } from "../../platform/logger.js";

/** How an operator leaves the embedded server: said the same way in the log, /readyz and the console. */
export const WAY_OUT_COMMAND = "npm run cli -- db copy --to <mongodb-uri>";
const WAY_OUT = `${WAY_OUT_COMMAND} (docs/operations.md, "Moving to MongoDB")`;
/** How often the count is read again: counting on the embedded server reads every ticket. */
const RECOUNT_MS = 10 * 60_000;

export interface CapacityState {
  /** Set when over: what to do, for /readyz. */
  warning?: string;
  backend: Database["backend"];
  tickets: number;
  /** The most tickets with which the embedded server keeps every console page under 1 s (EMBEDDED_TICKET_LIMIT). */
  limit: number;
  /** True once the embedded FerretDB server holds more than the limit. */
  over: boolean;
}

export interface CapacityWatch {
  /** Counts now (start-up, then at most every 10 minutes through `current`) and logs a warning when over. */
  check(): Promise<CapacityState>;
  /** The last count, refreshed in the background when older than 10 minutes; undefined before the first. */
  current(): CapacityState | undefined;
}

/**
 * The one rule for "the embedded database has outgrown itself": the FerretDB fallback (SQLite,
 * no secondary indexes) past `limit` tickets. A real mongod, embedded or not, is never over:
 * it reads through the indexes. The limit is the measured one (README, docs/operations.md).
 */
export function embeddedCapacity(opts: { backend: Database["backend"]; limit: number; countTickets: () => Promise<number>; logger: Logger; clock: () => Date }): CapacityWatch {
  let last: { state: CapacityState; at: number } | undefined;
  let counting: Promise<CapacityState> | undefined;
  const check = () =>
    (counting ??= (async () => {
      try {
        const tickets = await opts.countTickets();
        const over = opts.backend === "ferretdb" && tickets > opts.limit;
        const warning = `the embedded database holds ${tickets} tickets, more than the ${opts.limit} with which the console stays under 1 s: move to MongoDB with ${WAY_OUT}`;
        const state: CapacityState = { backend: opts.backend, tickets, limit: opts.limit, over, ...(over ? { warning } : {}) };
        // Once when it crosses (and at every start past it), not at every recount.
        if (over && !last?.state.over) opts.logger.warn({ tickets, limit: opts.limit, backend: opts.backend }, warning);
        last = { state, at: opts.clock().getTime() };
        return state;
      } finally {
        counting = undefined;
      }
    })());
  return {
    check,
    current() {
      if (last && opts.clock().getTime() - last.at > RECOUNT_MS) void check().catch((e: unknown) => opts.logger.warn({ err: e }, "counting tickets for the embedded database's limit failed"));
      return last?.state;
    },
  };
}
