import type { FastifyRequest } from "fastify";
import type { Ticket } from "../models/ticket.js";
import { canSee } from "../services/access/authorize.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, Viewer } from "./context.js";

/**
 * The ticket a URL names, if the viewer may see it (authorize.ts canSee, as the chat's /ticket):
 * 404 for a number that is no ticket, 403 for one outside the viewer's ward or province.
 */
export async function visibleTicket(c: ConsoleContext, request: FastifyRequest, number: string): Promise<{ viewer: Viewer; ticket: Ticket }> {
  const viewer = c.viewer(request);
  const ticket = /^[A-Za-z0-9-]{1,40}$/.test(number) ? await c.deps.stores.tickets.byNumber(number) : undefined;
  if (!ticket) throw new ConsoleError(404, "console-error-not-found");
  if (!canSee(viewer.account, ticket)) throw new ConsoleError(403, "console-error-forbidden");
  return { viewer, ticket };
}
