import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import { MERGE_WINDOW_DAYS, placeOf, type MergeCandidate } from "./merge-rule.js";
import { isOpen } from "../../models/ticket-states.js";

export type CandidateStores = Pick<Stores, "tickets" | "venues">;
export type TicketCandidate = MergeCandidate & { ticket: Ticket };

/**
 * A ticket as the merge rule sees it: its place (its location, or its venue's registered one
 * when its code was the venue's own at its own venue), and every code its reports showed.
 */
export async function asCandidate(stores: Pick<Stores, "venues">, t: Ticket): Promise<TicketCandidate> {
  const venue = !t.location && t.verdict === "official" && t.venueCode ? await stores.venues.byCode(t.venueCode) : undefined;
  const codes = [t.decodedText, ...t.reports.map((r) => r.decodedText)].filter((c): c is string => Boolean(c));
  return {
    id: t.id,
    wardCode: t.wardCode,
    violationType: t.violationType,
    place: placeOf({ location: t.location, verdict: t.verdict, venueLocation: venue?.location }),
    codes: [...new Set(codes)],
    venueCode: t.venueCode ?? undefined,
    openedAt: new Date(t.openedAt),
    open: isOpen(t.state),
    ticket: t,
  };
}

/** The open tickets of a ward inside the merge window, as candidates. */
export async function candidatesInWard(stores: CandidateStores, wardCode: string, now: Date): Promise<TicketCandidate[]> {
  const since = new Date(now.getTime() - MERGE_WINDOW_DAYS * 86_400_000);
  const tickets = await stores.tickets.openInWardSince(wardCode, since);
  return Promise.all(tickets.map((t) => asCandidate(stores, t)));
}
