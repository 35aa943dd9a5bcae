import type { Account } from "../../models/account.js";
import type { OutboxStore } from "../../models/outbox.js";
import type { Ticket } from "../../models/ticket.js";
import type { ResidentMessage } from "./resident-message.js";

type NotifiedTicket = Pick<Ticket, "id" | "number" | "state" | "version" | "reports">;
type KeyedTicket = Pick<Ticket, "id" | "version">;

/** What the officers' side delivers to a ward (its group and officers): cards and reminders. */
export type WardMessage =
  | { kind: "ticket_opened"; ticketId: string }
  | { kind: "card_refresh"; ticketId: string }
  /** Reopened by a resident: a fresh copy of the card, with the new photo, to the ward. */
  | { kind: "ticket_reopened"; ticketId: string }
  | { kind: "deadline_reminder"; ticketId: string; number: string; deadline: "acknowledge" | "close"; due: string };

/**
 * Every outbox key about a ticket is spelled here. A key names the ticket's version (or the
 * deadline and step), so a repeated enqueue by a retry or a second instance is harmless.
 */
export const ticketKeys = {
  // A ticket opens once, whatever version it reached before its card went out.
  ward: (t: KeyedTicket, kind: WardMessage["kind"]) => (kind === "ticket_opened" ? `ward:${t.id}:${kind}` : `ward:${t.id}:v${t.version}:${kind}`),
  account: (t: KeyedTicket, kind: string, accountId: string) => `resident:${t.id}:v${t.version}:${kind}:${accountId}`,
  deadline: (t: KeyedTicket, deadline: string, due: Date, step: "remind" | "escalate", accountId = "") =>
    `deadline:${t.id}:${deadline}:${due.toISOString()}:${step}${accountId ? `:${accountId}` : ""}`,
};

/** Queues a message for the ward's officers' side under `key`. */
export function queueForWard(outbox: OutboxStore, ticket: KeyedTicket & Pick<Ticket, "wardCode">, message: WardMessage, now: Date, key = ticketKeys.ward(ticket, message.kind)): Promise<void> {
  return outbox.enqueue({ key, audience: "ward", wardCode: ticket.wardCode, kind: message.kind, payload: message, at: now });
}

/** Queues a message for one account (resident or staff), on its own channel. */
export function queueForAccount(outbox: OutboxStore, account: Pick<Account, "id" | "channel">, message: ResidentMessage, key: string, now: Date): Promise<void> {
  return outbox.enqueue({ key, audience: "account", accountId: account.id, channel: account.channel, kind: message.kind, payload: message, at: now });
}

/** Queues "your report changed" for every distinct reporter of the ticket. */
export function notifyReporters(outbox: OutboxStore, ticket: NotifiedTicket, now: Date): Promise<number> {
  return queueForReporters(outbox, ticket, { kind: "state_changed", number: ticket.number, state: ticket.state, ticketId: ticket.id }, now);
}

/** Queues an officer's words for every reporter, on the channel each reported from (Zalo included). */
export function messageReporters(outbox: OutboxStore, ticket: NotifiedTicket, text: string, now: Date): Promise<number> {
  return queueForReporters(outbox, ticket, { kind: "officer_message", number: ticket.number, text }, now);
}

async function queueForReporters(outbox: OutboxStore, ticket: NotifiedTicket, message: ResidentMessage, now: Date): Promise<number> {
  const reporters = new Map(ticket.reports.map((r) => [r.accountId, r.channel]));
  for (const [accountId, channel] of reporters) {
    const key = ticketKeys.account(ticket, message.kind, accountId);
    await queueForAccount(outbox, { id: accountId, channel }, message, key, now);
  }
  return reporters.size;
}
