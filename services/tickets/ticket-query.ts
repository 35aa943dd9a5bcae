import { overdueWhere, type TicketWhere } from "../../models/ticket.js";
import type { TicketType } from "../../models/ticket.js";
import type { TicketScope } from "../access/authorize.js";
import type { Verdict } from "../registry/verify-code.js";
import type { TicketState } from "../../models/ticket-states.js";

/** What the registry said of a ticket's code, or that none was found. */
export const TICKET_VERDICTS = ["official", "official_old", "official_elsewhere", "official_inactive", "forged", "unregistered", "foreign", "no_code"] as const satisfies readonly (Verdict | "no_code")[];
export type TicketVerdict = (typeof TICKET_VERDICTS)[number];

/** A validated selection of tickets (console queue, map, CSV): every field already checked. */
export interface TicketFilter {
  states?: TicketState[];
  types?: TicketType[];
  wardCodes?: string[];
  verdicts?: TicketVerdict[];
  /** Opened at or after. */
  from?: Date;
  /** Opened before. */
  to?: Date;
  /** Past a deadline now: the rule the reminders and /overdue use. */
  overdue?: boolean;
}


/** The one translation of a scope and a filter into a database query; values are compared, never spread. */
export function ticketWhere(scope: TicketScope, f: TicketFilter, now: Date): TicketWhere {
  const where: TicketWhere = {};
  if ("wardCode" in scope) where.wardCode = { $eq: String(scope.wardCode) };
  if ("provinceCode" in scope) where.provinceCode = { $eq: String(scope.provinceCode) };
  if (scope.source) where.source = { $eq: scope.source };
  const inList = (values: readonly string[]) => ({ $in: values.map(String) });
  if (f.wardCodes?.length) where.wardCode = "wardCode" in where ? { ...(where.wardCode as object), ...inList(f.wardCodes) } : inList(f.wardCodes);
  if (f.states?.length) where.state = inList(f.states);
  if (f.types?.length) where.violationType = inList(f.types);
  if (f.verdicts?.length) where.verdict = inList(f.verdicts);
  if (f.from || f.to) where.openedAt = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) };
  if (f.overdue) Object.assign(where, overdueWhere(now));
  return where;
}
