import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import { ticketWhere } from "../../services/tickets/ticket-query.js";

/** Every ticket of a province, both sources, newest first: the console's queue, each ticket read whole (the queue reads only its row's fields). */
export async function ticketsOfProvince(stores: Pick<Stores, "tickets">, provinceCode: string, limit: number): Promise<Ticket[]> {
  // No overdue filter, so the time given is never read.
  const where = ticketWhere({ provinceCode }, {}, new Date(0));
  const rows = (await stores.tickets.matching(where, { field: "openedAt", dir: -1 }, { skip: 0, limit })).tickets;
  return Promise.all(rows.map(async (r) => (await stores.tickets.byId(r.id))!));
}
