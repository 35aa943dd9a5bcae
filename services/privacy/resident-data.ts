import type { Account } from "../../models/account.js";
import type { Stores } from "../../models/index.js";
import type { TicketState, TicketType } from "../../models/ticket.js";

/** Tickets read for one /mydata; a resident with more sees the counts of these and /mytickets for the rest. */
const READ = 200;

export interface HeldTicket {
  number: string;
  violationType: TicketType;
  state: TicketState;
  /** The resident's own notes on it (report and later additions), oldest first. */
  notes: string[];
  ratings: { satisfied: boolean; reason?: string }[];
}

/** What the system holds about one resident (/mydata): plain data, newest ticket first. */
export interface ResidentData {
  since: Date;
  channel: Account["channel"];
  name?: string;
  phone?: string;
  tickets: HeldTicket[];
  totalTickets: number;
  photos: number;
}

/**
 * Everything stored about the resident, read from where it lives: the account (name, phone,
 * channel), the tickets they reported (numbers, states, their notes and ratings) and the photos
 * they sent. Exact positions are not repeated here: they are the tickets' places.
 */
export async function residentData(stores: Pick<Stores, "tickets" | "evidence">, account: Account): Promise<ResidentData> {
  const [{ tickets, total }, photos] = await Promise.all([
    stores.tickets.ofReporter(account.id, { skip: 0, limit: READ }),
    stores.evidence.countOfAccount(account.id),
  ]);
  const mine = <T extends { accountId: string }>(xs: T[] | undefined) => (xs ?? []).filter((x) => x.accountId === account.id);
  return {
    since: new Date(account.createdAt),
    channel: account.channel,
    name: account.displayName || undefined,
    phone: account.phone || undefined,
    totalTickets: total,
    photos,
    tickets: tickets.map((t) => ({
      number: t.number,
      violationType: t.violationType,
      state: t.state,
      notes: [...mine(t.reports), ...mine(t.additions)].flatMap((x) => (x.note ? [x.note] : [])),
      ratings: mine(t.ratings).map((r) => ({ satisfied: r.satisfied, ...(r.reason ? { reason: r.reason } : {}) })),
    })),
  };
}
