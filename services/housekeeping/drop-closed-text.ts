import type { Stores } from "../../models/index.js";
import type { Logger } from "../../platform/logger.js";
import { repeating } from "../../platform/repeat.js";
import { WORDS_IN_NOTE, scrubResidentText } from "../privacy/resident-text.js";
import { closedUnchangedSince, retentionCutoff } from "./closed-tickets.js";

const EVERY_MS = 6 * 60 * 60 * 1000;

export interface TextRetentionDeps {
  stores: Pick<Stores, "tickets" | "audit" | "reporterIdentities">;
  clock: () => Date;
  logger: Logger;
  /** TEXT_RETENTION_DAYS: residents' words of tickets closed longer ago are dropped; 0 keeps them for ever. */
  retentionDays: number;
}

/**
 * Drops what residents wrote on tickets closed longer than the retention period ago (report
 * notes, notes added later, rating reasons, their words in the history and the audit log) and
 * who a partner system said reported them. The ticket stays whole otherwise: type, place,
 * states, times, the rating's answer, the photos' facts. A ticket that changes meanwhile is
 * left for the next run. Idempotent and safe on every instance.
 */
export async function dropClosedText(deps: TextRetentionDeps): Promise<{ tickets: number; notes: number; reasons: number }> {
  const done = { tickets: 0, notes: 0, reasons: 0 };
  if (deps.retentionDays <= 0) return done;
  const cutoff = retentionCutoff(deps.clock(), deps.retentionDays);
  for await (const ticket of closedUnchangedSince(deps.stores.tickets, cutoff)) {
    const identities = await deps.stores.reporterIdentities.dropOfTicket(ticket.id);
    const scrubbed = scrubResidentText(ticket, "everyone");
    const audited = await deps.stores.audit.scrubResidentEvents(ticket.id, WORDS_IN_NOTE);
    if (scrubbed && !(await deps.stores.tickets.rewriteResidentParts(ticket.id, ticket.version, scrubbed.parts))) continue;
    if (!scrubbed && identities + audited === 0) continue;
    done.tickets++;
    done.notes += scrubbed?.notes ?? 0;
    done.reasons += scrubbed?.reasons ?? 0;
  }
  if (done.tickets > 0) deps.logger.info({ ...done, cutoff }, "dropped residents' words of tickets closed past the retention period");
  return done;
}

/** Runs dropClosedText now and every six hours until stopped; a failed run is logged and retried. */
export function startTextRetention(deps: TextRetentionDeps): { stop(): void } {
  const job = repeating(EVERY_MS, () => dropClosedText(deps), (err) => deps.logger.warn({ err }, "free-text retention run failed"));
  job.wake();
  return { stop: () => job.stop() };
}
