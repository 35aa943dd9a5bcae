import type { Ticket } from "../models/ticket.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import { fullName } from "../services/routing/ward-ref.js";
import { isOverdue, nextDeadline } from "../services/tickets/deadlines.js";
import { label } from "../services/text/labels.js";
import { isOpen } from "../models/ticket-states.js";
import type { Translate } from "./context.js";
import { html, type Html } from "./html.js";

/** A ward by name ("Phường Phú Xuân"); the code only for a ward gone from the directory. */
export function wardLabel(directory: Pick<WardDirectory, "byCode">, code: string): string {
  const w = directory.byCode(code);
  return w ? fullName(w) : code;
}

export function stateBadge(t: Translate, state: string): Html {
  return html`<span class="state state-${state}">${label(t, "state", state)}</span>`;
}

/** The deadline a ticket works towards now (acknowledge while new or reopened, then close), and whether one passed. */
export function currentDeadline(ticket: Pick<Ticket, "state" | "acknowledgeBy" | "closeBy">, now: Date): { at?: Date; overdue: boolean } {
  if (!isOpen(ticket.state)) return { overdue: false };
  return { at: nextDeadline(ticket), overdue: isOverdue(ticket, now) };
}
