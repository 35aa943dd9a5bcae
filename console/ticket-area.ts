import type { Account } from "../models/account.js";
import { ticketScope } from "../services/access/authorize.js";
import { provinceChoice } from "../services/routing/served-provinces.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext } from "./context.js";

/** The part of the country a page of ticket figures covers for this viewer. */
export interface TicketArea {
  provinceCode: string;
  /** Set for an officer: only their ward. */
  wardCode?: string;
  /** The provinces the viewer may switch between (administrators: the served ones). */
  provinces: string[];
}

/**
 * Whether the map and the statistics cover this viewer's tickets: staff who see every ticket of
 * a ward or province. A scope of one source (the keeper's inspection tickets) is not an area:
 * the keeper works from the queue, the compliance page and the silent venues.
 */
export function seesArea(account: Account): boolean {
  const scope = ticketScope(account);
  return typeof scope !== "string" && !scope.source;
}

/**
 * Where the map and the statistics look, from the stored account (authorize.ts's ticketScope):
 * an officer's ward, a supervisor's or enforcement member's province, or for an administrator
 * the province asked for (default the first served one). Anyone else is refused.
 */
export function ticketArea(c: ConsoleContext, account: Account, requested: unknown): TicketArea {
  const scope = ticketScope(account);
  if (typeof scope === "string" || !seesArea(account)) throw new ConsoleError(403, "console-error-forbidden");
  if ("wardCode" in scope) {
    const ward = c.deps.directory.byCode(scope.wardCode);
    if (!ward) throw new ConsoleError(403, "console-error-forbidden");
    return { provinceCode: ward.provinceCode, wardCode: ward.code, provinces: [ward.provinceCode] };
  }
  if ("provinceCode" in scope) return { provinceCode: scope.provinceCode, provinces: [scope.provinceCode] };
  const { provinceCode, provinces } = provinceChoice(c.deps.directory, requested);
  if (!provinceCode) throw new ConsoleError(404, "console-error-not-found");
  return { provinceCode, provinces };
}

