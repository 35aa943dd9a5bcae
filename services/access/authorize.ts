import type { Account } from "../../models/account.js";
import type { Ticket } from "../../models/ticket.js";
import { ACTIONS, type ActionKind } from "../tickets/ticket-states.js";

export type Refusal = "forbidden" | "revoked";

/** Whether this stored account may look at this ticket (queue, card, evidence). */
export function canSee(actor: Account, ticket: Pick<Ticket, "wardCode" | "provinceCode">): boolean {
  if (actor.revokedAt) return false;
  switch (actor.role) {
    case "officer":
      return !!actor.wardCode && actor.wardCode === ticket.wardCode;
    case "supervisor":
    case "enforcement":
      return !!actor.provinceCode && actor.provinceCode === ticket.provinceCode;
    default:
      return false;
  }
}

/**
 * The role and scope half of every ticket action, decided from the stored account only: the
 * roles come from the state table (supervisors do the ward's work in their province because
 * overdue tickets escalate to them; admins keep registries and do not handle cases), the
 * scope is the ward or province for staff and their own report for a resident.
 */
export function authorize(actor: Account, ticket: Pick<Ticket, "wardCode" | "provinceCode" | "reports">, action: ActionKind): Refusal | undefined {
  if (actor.revokedAt) return "revoked";
  if (!ACTIONS[action].roles.includes(actor.role)) return "forbidden";
  const inScope = actor.role === "resident" ? ticket.reports.some((r) => r.accountId === actor.id) : canSee(actor, ticket);
  return inScope ? undefined : "forbidden";
}
