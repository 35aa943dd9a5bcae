import type { Account } from "../../models/account.js";
import type { Ticket } from "../../models/ticket.js";
import { ACTIONS, type ActionKind, type TicketSource } from "../../models/ticket-states.js";

export type Refusal = "forbidden" | "revoked";

/** Roles that handle tickets; administrators and the registry's keeper keep registries instead. */
export function handlesTickets(actor: Pick<Account, "role" | "revokedAt">): boolean {
  return !actor.revokedAt && (actor.role === "officer" || actor.role === "supervisor" || actor.role === "enforcement");
}

/** Who acts on a registry: a stored account, or the command line's operator (an administrator). */
export type RegistryActor = Pick<Account, "id" | "role" | "provinceCode" | "revokedAt">;

/** The command line runs with the database's credentials, so it acts as an administrator. */
export const CLI_OPERATOR: RegistryActor = { id: "cli", role: "admin" };

/**
 * The provinces whose registry and check-in activity an account keeps: every one for
 * administrators, its own for the registry's keeper, none for anyone else (officers included).
 */
export function registryScope(actor: RegistryActor): { provinceCode?: string } | Refusal {
  if (actor.revokedAt) return "revoked";
  if (actor.role === "admin") return {};
  if (actor.role === "registry" && actor.provinceCode) return { provinceCode: actor.provinceCode };
  return "forbidden";
}

/**
 * The venues an account may look up (the console's venue pages): what it keeps (administrators
 * every province, the keeper its own), and for the province's supervisors and enforcement their
 * province, read only. Changing the registry (imports, posters) stays with registryScope.
 */
export function venueScope(actor: RegistryActor & Pick<Account, "provinceCode">): { provinceCode?: string } | Refusal {
  if (actor.revokedAt) return "revoked";
  if (actor.role === "supervisor" || actor.role === "enforcement") return actor.provinceCode ? { provinceCode: actor.provinceCode } : "forbidden";
  return registryScope(actor);
}

/** Whether this account may see or act on the registry of one province (compliance, inspection lists). */
export function authorizeRegistry(actor: RegistryActor, provinceCode: string): Refusal | undefined {
  const scope = registryScope(actor);
  if (typeof scope === "string") return scope;
  return scope.provinceCode === undefined || scope.provinceCode === provinceCode ? undefined : "forbidden";
}

/** Roles that work in the web console: every staff role (what each sees there is scoped below). */
export function usesConsole(actor: Pick<Account, "role" | "revokedAt">): boolean {
  return !actor.revokedAt && actor.role !== "resident";
}

/**
 * The tickets an account may look at: its ward, its province, or (administrators, read only) all;
 * with a source when it sees only tickets of that source.
 */
export type TicketScope = ({ wardCode: string } | { provinceCode: string } | { all: true }) & { source?: TicketSource };

export function ticketScope(actor: Pick<Account, "role" | "revokedAt" | "wardCode" | "provinceCode">): TicketScope | Refusal {
  if (actor.revokedAt) return "revoked";
  switch (actor.role) {
    case "officer":
      return actor.wardCode ? { wardCode: actor.wardCode } : "forbidden";
    case "supervisor":
    case "enforcement":
      return actor.provinceCode ? { provinceCode: actor.provinceCode } : "forbidden";
    // The keeper sees the inspection tickets of its province (to confirm closures), not residents' reports.
    case "registry":
      return actor.provinceCode ? { provinceCode: actor.provinceCode, source: "inspection" } : "forbidden";
    case "admin":
      // The command line already exports any ticket as an administrator; the console lets them read, not act.
      return { all: true };
    default:
      return "forbidden";
  }
}

/** Whether this stored account may look at this ticket (queue, card, evidence). */
export function canSee(actor: Account, ticket: Pick<Ticket, "wardCode" | "provinceCode"> & Partial<Pick<Ticket, "source">>): boolean {
  const scope = ticketScope(actor);
  if (typeof scope === "string") return false;
  if (scope.source && (ticket.source ?? "resident") !== scope.source) return false;
  if ("all" in scope) return true;
  return "wardCode" in scope ? scope.wardCode === ticket.wardCode : scope.provinceCode === ticket.provinceCode;
}

/**
 * The role and scope half of every ticket action, decided from the stored account only: the
 * roles come from the state table (supervisors do the ward's work in their province because
 * overdue tickets escalate to them; admins keep registries and do not handle cases), the
 * scope is the ward or province for staff and their own report for a resident.
 */
export function authorize(actor: Account, ticket: Pick<Ticket, "wardCode" | "provinceCode" | "reports"> & Partial<Pick<Ticket, "source">>, action: ActionKind): Refusal | undefined {
  if (actor.revokedAt) return "revoked";
  if (!ACTIONS[action].roles.includes(actor.role)) return "forbidden";
  const inScope = actor.role === "resident" ? ticket.reports.some((r) => r.accountId === actor.id) : canSee(actor, ticket);
  return inScope ? undefined : "forbidden";
}
