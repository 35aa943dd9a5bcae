import type { Ticket, TicketEvent } from "../../models/ticket.js";

/** Residents' actions whose history and audit note carries the resident's own words (see followUpNote). */
export const WORDS_IN_NOTE = ["rate", "reopen", "escalate_reopen", "add_evidence"] as const;

export type ResidentParts = Pick<Ticket, "reports" | "additions" | "ratings" | "history">;

/** Whose words leave the ticket: one resident's, whose ids become `pseudonym` (/forgetme), or every resident's (retention). */
export type Scrub = { accountId: string; pseudonym: string } | "everyone";

export interface Scrubbed {
  parts: ResidentParts;
  /** What was taken out: notes (of reports, additions and history) and rating reasons; reports re-labelled. */
  notes: number;
  reasons: number;
  reports: number;
}

/**
 * The one rule of what in a ticket is a resident's own words: report notes, notes added later,
 * rating reasons, and those words repeated in the history's notes. Returns the ticket's parts
 * without them (for one resident, with their ids replaced by the pseudonym), or undefined when
 * nothing changes. What stays is the case: type, place, photos (the ward's evidence), times,
 * states and the rating's answer. Pure: the caller writes the result.
 */
export function scrubResidentText(t: ResidentParts, who: Scrub): Scrubbed | undefined {
  const mine = (accountId: string | null | undefined) => (who === "everyone" ? true : accountId === who.accountId);
  const relabel = <T extends { accountId: string }>(x: T): T => (who === "everyone" || x.accountId !== who.accountId ? x : { ...x, accountId: who.pseudonym });
  let notes = 0;
  let reasons = 0;
  const reports = t.reports.map((r) => {
    if (!mine(r.accountId)) return r;
    if (r.note) notes++;
    return relabel({ ...r, note: undefined });
  });
  const additions = (t.additions ?? []).map((a) => {
    if (!mine(a.accountId)) return a;
    if (a.note) notes++;
    return relabel({ ...a, note: undefined });
  });
  const ratings = (t.ratings ?? []).map((r) => {
    if (!mine(r.accountId)) return r;
    if (r.reason) reasons++;
    return relabel({ ...r, reason: undefined });
  });
  const history = t.history.map((h) => scrubEvent(h, who));
  const relabelled = who === "everyone" ? 0 : t.reports.filter((r) => r.accountId === who.accountId).length;
  const changed = notes + reasons + relabelled > 0 || history.some((h, i) => h !== t.history[i]);
  return changed ? { parts: { reports, additions, ratings, history }, notes, reasons, reports: relabelled } : undefined;
}

function scrubEvent(h: TicketEvent, who: Scrub): TicketEvent {
  const theirs = h.actorRole === "resident" && (who === "everyone" || h.actorId === who.accountId);
  if (!theirs) return h;
  const words = (WORDS_IN_NOTE as readonly string[]).includes(h.action) && h.note;
  // A rating's note is "satisfied: reason": the answer stays, the reason goes.
  const note = !words ? h.note : h.action === "rate" ? h.note!.replace(/:[\s\S]*$/, "") : undefined;
  const actorId = who === "everyone" ? h.actorId : who.pseudonym;
  return note === h.note && actorId === h.actorId ? h : { ...h, actorId, note };
}
