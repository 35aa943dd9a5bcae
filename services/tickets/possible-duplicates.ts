import type { Ticket } from "../../models/ticket.js";
import { distanceM } from "../routing/distance.js";
import { asCandidate, candidatesInWard, type CandidateStores } from "./merge-candidates.js";
import { looksLikeSamePoster } from "./merge-rule.js";
import { isOpen } from "../../models/ticket-states.js";

/** At most this many suggestions per ticket: a card stays readable. */
export const MAX_SUGGESTIONS = 3;

/**
 * One possible duplicate of a ticket, and the one way to join them: the newer closes as a
 * duplicate of the older (the existing close_duplicate transition), which the officer decides.
 */
export interface PossibleDuplicate {
  id: string;
  number: string;
  /** Between the two tickets' places, when both have one. */
  distanceM?: number;
  sameVenue: boolean;
  join: { newerId: string; newerNumber: string; newerVersion: number; olderNumber: string };
}

/** Open tickets of the same ward that look like the same poster although the merge rule kept them apart. */
export async function possibleDuplicates(stores: CandidateStores, t: Ticket, now: Date): Promise<PossibleDuplicate[]> {
  if (!isOpen(t.state)) return [];
  const self = await asCandidate(stores, t);
  const others = (await candidatesInWard(stores, t.wardCode, now)).filter((c) => looksLikeSamePoster(self, c, now));
  return others.slice(0, MAX_SUGGESTIONS).map((c) => {
    const [older, newer] = olderFirst(c.ticket, t);
    return {
      id: c.id,
      number: c.ticket.number,
      distanceM: self.place && c.place ? Math.round(distanceM(self.place, c.place)) : undefined,
      sameVenue: Boolean(self.venueCode && self.venueCode === c.venueCode),
      join: { newerId: newer.id, newerNumber: newer.number, newerVersion: newer.version, olderNumber: older.number },
    };
  });
}

/** The pair in opening order; tickets opened at the same instant by number (drawn in order). */
function olderFirst(a: Ticket, b: Ticket): [Ticket, Ticket] {
  const byTime = new Date(a.openedAt).getTime() - new Date(b.openedAt).getTime();
  return byTime < 0 || (byTime === 0 && a.number < b.number) ? [a, b] : [b, a];
}
