import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";

const PAGE = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The moment `days` before `now`: tickets closed and unchanged since then are past their retention. */
export const retentionCutoff = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** When a ticket last changed, by the application's clock: its last history event. */
export const lastChange = (t: Ticket): Date => new Date(t.history.at(-1)?.at ?? t.openedAt);

/**
 * Tickets closed (any closed state) and unchanged since `cutoff`, a page at a time by id: what
 * the retention jobs may thin out. A ticket reopened since is open again and never listed.
 */
export async function* closedUnchangedSince(tickets: Pick<Stores["tickets"], "closedOpenedBefore">, cutoff: Date): AsyncGenerator<Ticket> {
  let after: string | undefined;
  for (;;) {
    const page = await tickets.closedOpenedBefore(cutoff, PAGE, after);
    if (page.length === 0) return;
    after = page.at(-1)!.id;
    for (const t of page) if (lastChange(t) <= cutoff) yield t;
  }
}
