import type { accountStore } from "../../models/account.js";
import type { auditStore } from "../../models/audit-event.js";
import type { ticketStore } from "../../models/ticket.js";
import { authorize } from "./authorize.js";

export type ContactResult =
  | { ok: true; contacts: { n: number; name?: string; phone?: string }[] }
  | { ok: false; reason: "not_found" | "forbidden" | "revoked" | "not_acknowledged" };

/**
 * Reporters' contact details, for the ward's officers once the ticket is acknowledged; every
 * view is audited (who looked, when, at which ticket) before anything is returned.
 */
export async function viewReporterContacts(
  deps: { accounts: ReturnType<typeof accountStore>; tickets: ReturnType<typeof ticketStore>; audit: ReturnType<typeof auditStore>; clock: () => Date },
  actorId: string,
  ticketId: string,
): Promise<ContactResult> {
  const [actor, ticket] = await Promise.all([deps.accounts.byId(actorId), deps.tickets.byId(ticketId)]);
  if (!ticket) return { ok: false, reason: "not_found" };
  if (!actor) return { ok: false, reason: "forbidden" };
  const refusal = authorize(actor, ticket, "message_reporter");
  if (refusal) return { ok: false, reason: refusal };
  if (!ticket.history.some((h) => h.action === "acknowledge")) return { ok: false, reason: "not_acknowledged" };
  await deps.audit.append({ at: deps.clock(), actorId: actor.id, actorRole: actor.role, action: "view_contact", subjectKind: "ticket", subjectId: ticket.id });
  const ids = [...new Set(ticket.reports.map((r) => r.accountId))];
  const contacts = [];
  for (const [i, id] of ids.entries()) {
    const a = await deps.accounts.byId(id);
    contacts.push({ n: i + 1, name: a?.displayName ?? undefined, phone: a?.phone ?? undefined });
  }
  return { ok: true, contacts };
}
