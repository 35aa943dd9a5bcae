import type { Stores } from "../../models/index.js";
import type { NewTicket, Ticket } from "../../models/ticket.js";
import { dueDatesFor } from "./deadlines.js";
import { ticketOpened } from "./ticket-effects.js";
import { nextTicketNumber } from "./ticket-number.js";

export type OpeningStores = Pick<Stores, "tickets" | "counters" | "outbox" | "deadlineRules">;
export type Opening = Omit<NewTicket, "number" | "acknowledgeBy" | "closeBy">;

/**
 * The one way a ticket comes to exist (a resident's report, a transfer's successor, later
 * Open311 and the registry's inspection lists): its due dates from the deadline policy stored
 * for its province, and its card queued for the ward. `number` is given for a successor;
 * otherwise one is drawn for the province.
 */
export async function openTicket(stores: OpeningStores, t: Opening, number: string | { provinceName: string }): Promise<Ticket> {
  const at = t.event.at;
  const due = await dueDatesFor(stores.deadlineRules, t.provinceCode, at);
  const ticket =
    typeof number === "string"
      ? await stores.tickets.create({ ...t, ...due, number })
      : await createNumbered(stores, number.provinceName, at, (n) => ({ ...t, ...due, number: n }));
  await ticketOpened(stores.outbox, ticket, at);
  return ticket;
}

/**
 * FerretDB v1 runs the counter's findAndModify as a read then a write, so two concurrent
 * reports can draw the same number; the unique index refuses the second, which draws again.
 */
async function createNumbered(stores: OpeningStores, provinceName: string, at: Date, ticket: (number: string) => NewTicket): Promise<Ticket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await stores.tickets.create(ticket(await nextTicketNumber(stores.counters, provinceName, at)));
    } catch (e) {
      if ((e as { code?: number }).code !== 11000 || attempt >= 5) throw e;
    }
  }
}
