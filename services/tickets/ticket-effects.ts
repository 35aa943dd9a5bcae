import type { Account } from "../../models/account.js";
import type { Stores } from "../../models/index.js";
import type { OutboxStore } from "../../models/outbox.js";
import type { Ticket } from "../../models/ticket.js";
import type { wardStore } from "../../models/ward.js";
import { messageReporters, notifyReporters, queueForAccount, queueForWard, ticketKeys } from "../notify/ticket-changed.js";
import { placeName } from "../routing/ward-ref.js";
import type { TicketAction, TicketState } from "../../models/ticket-states.js";

/**
 * What must follow each change of a ticket, recorded in the outbox in one place so that every
 * caller (buttons, commands, residents' views, the web console, Open311) gets the same effects:
 * the ward's card posted or every posted copy re-rendered, reporters told, a successor's card.
 */

/** A new ticket: its card goes to the ward's group and officers. */
export function ticketOpened(outbox: OutboxStore, ticket: Ticket, now: Date): Promise<void> {
  return queueForWard(outbox, ticket, { kind: "ticket_opened", ticketId: ticket.id }, now);
}

/** A report merged into an open ticket: the existing cards show the new count; no second card. */
export function reportAttached(outbox: OutboxStore, ticket: Ticket, now: Date): Promise<void> {
  return queueForWard(outbox, ticket, { kind: "card_refresh", ticketId: ticket.id }, now);
}

export interface Transitioned {
  ticket: Ticket;
  from: TicketState;
  to: TicketState;
  action: TicketAction;
}

/** After a successful transition. The reporters hear of a new state before any card is edited. */
export async function ticketTransitioned(outbox: OutboxStore, t: Transitioned, now: Date): Promise<void> {
  if (t.to !== t.from) await notifyReporters(outbox, t.ticket, now);
  if (t.action.kind === "message_reporter") await messageReporters(outbox, t.ticket, t.action.text, now);
  await queueForWard(outbox, t.ticket, { kind: "card_refresh", ticketId: t.ticket.id }, now);
  // "Not fixed": the card comes back to the ward's group with the new photo, below the newer messages.
  if (t.to === "reopened") await queueForWard(outbox, t.ticket, { kind: "ticket_reopened", ticketId: t.ticket.id }, now);
  // A transfer's successor was opened with openTicket, which queued its card for the receiving ward.
}

/** A reminder to the ward's group, before a deadline. */
export function deadlineReminder(outbox: OutboxStore, ticket: Ticket, deadline: "acknowledge" | "close", due: Date, now: Date): Promise<void> {
  const message = { kind: "deadline_reminder", ticketId: ticket.id, number: ticket.number, deadline, due: due.toISOString() } as const;
  return queueForWard(outbox, ticket, message, now, ticketKeys.deadline(ticket, deadline, due, "remind"));
}

/** An overdue ticket: one message to each supervisor of the province, on their own channel. */
export async function deadlineEscalation(
  deps: { outbox: OutboxStore; wards: Pick<ReturnType<typeof wardStore>, "byCode"> },
  ticket: Ticket,
  deadline: "acknowledge" | "close",
  due: Date,
  supervisors: Account[],
  now: Date,
): Promise<void> {
  const ward = await deps.wards.byCode(ticket.wardCode);
  const message = { kind: "deadline_escalation", number: ticket.number, deadline, ward: ward ? placeName(ward) : ticket.wardCode, due: due.toISOString() } as const;
  for (const s of supervisors) {
    if (s.revokedAt) continue;
    await queueForAccount(deps.outbox, s, message, ticketKeys.deadline(ticket, deadline, due, "escalate", s.id), now);
  }
}

/**
 * What a transition changes in the venue registry, audited: enforcement's suspension order
 * suspends the venue; an inspection finding "venue closed" asks the province's keepers to
 * confirm it (a message with the confirm and reject buttons), and their confirmation closes it.
 */
export async function registryEffects(
  deps: Pick<Stores, "venues" | "audit" | "accounts" | "outbox" | "wards">,
  t: Transitioned,
  actor: Pick<Account, "id" | "role">,
  at: Date,
): Promise<void> {
  const code = t.ticket.venueCode;
  if (!code) return;
  const status = t.action.kind === "confirm_closure" ? "closed" : t.action.kind === "enforce" && t.action.measure === "suspension" ? "suspended" : undefined;
  if (status) {
    await deps.venues.setStatus(code, status);
    const action = status === "closed" ? "close_venue" : "suspend_venue";
    await deps.audit.append({ at, actorId: actor.id, actorRole: actor.role, action, subjectKind: "venue", subjectId: code, to: status, note: t.ticket.number });
  }
  if (t.to === "venue_closed" && t.from !== "venue_closed") {
    const [venue, ward] = await Promise.all([deps.venues.byCode(code), deps.wards.byCode(t.ticket.wardCode)]);
    const message = { kind: "closure_to_confirm", ticketId: t.ticket.id, number: t.ticket.number, venue: venue?.name ?? code, ward: ward ? placeName(ward) : t.ticket.wardCode } as const;
    for (const keeper of await deps.accounts.ofProvince("registry", t.ticket.provinceCode)) {
      await queueForAccount(deps.outbox, keeper, message, ticketKeys.account(t.ticket, message.kind, keeper.id), at);
    }
  }
}

/** A third "not fixed": each supervisor of the province is told, on their own channel, with the resident's words. */
export async function reopenEscalated(
  deps: { outbox: OutboxStore; wards: Pick<ReturnType<typeof wardStore>, "byCode"> },
  ticket: Ticket,
  note: string,
  supervisors: Account[],
  now: Date,
): Promise<void> {
  const ward = await deps.wards.byCode(ticket.wardCode);
  const message = { kind: "reopen_escalation", number: ticket.number, ward: ward ? placeName(ward) : ticket.wardCode, note } as const;
  for (const s of supervisors) {
    if (!s.revokedAt) await queueForAccount(deps.outbox, s, message, ticketKeys.account(ticket, message.kind, s.id), now);
  }
}
