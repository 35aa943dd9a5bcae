import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import { ticketWhere } from "../../services/tickets/ticket-query.js";

/** Every ticket of a province, both sources, newest first: what the province's staff see in the console's queue. */
export async function ticketsOfProvince(stores: Pick<Stores, "tickets">, provinceCode: string, limit: number): Promise<Ticket[]> {
  // No overdue filter, so the time given is never read.
  const where = ticketWhere({ provinceCode }, {}, new Date(0));
  return (await stores.tickets.matching(where, { field: "openedAt", dir: -1 }, { skip: 0, limit })).tickets;
}
