import type { Account } from "../../models/account.js";
import type { Ticket } from "../../models/ticket.js";
import type { ActionKind } from "../tickets/ticket-actions.js";

const WARD_WORK: readonly ActionKind[] = [
  "acknowledge",
  "start_inspection",
  "close",
  "close_duplicate",
  "transfer",
  "message_reporter",
  "add_note",
];
const ENFORCEMENT_WORK: readonly ActionKind[] = ["enforce", "return_to_ward", "add_note"];

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
 * The role and scope half of every ticket action, decided from the stored account only.
 * Supervisors can do the ward's work in their province because overdue tickets escalate
 * to them; admins keep accounts and registries and do not handle cases.
 */
export function authorize(actor: Account, ticket: Pick<Ticket, "wardCode" | "provinceCode">, action: ActionKind): Refusal | undefined {
  if (actor.revokedAt) return "revoked";
  if (!canSee(actor, ticket)) return "forbidden";
  const allowed = actor.role === "enforcement" ? ENFORCEMENT_WORK : actor.role === "officer" || actor.role === "supervisor" ? WARD_WORK : [];
  return allowed.includes(action) ? undefined : "forbidden";
}
