import type { OutboxStore } from "../../models/outbox.js";
import type { Ticket } from "../../models/ticket.js";
import type { ResidentMessage } from "./resident-message.js";

type NotifiedTicket = Pick<Ticket, "id" | "number" | "state" | "version" | "reports">;

/**
 * Queues "your report changed" for every distinct reporter of the ticket. Call it after a
 * successful transition; the key (ticket, version, account) makes a repeated call harmless.
 */
export function notifyReporters(outbox: OutboxStore, ticket: NotifiedTicket, now: Date): Promise<number> {
  return queueForReporters(outbox, ticket, { kind: "state_changed", number: ticket.number, state: ticket.state }, now);
}

/**
 * Queues an officer's words for every reporter, on the channel each reported from (Zalo
 * included). Call it after the message_reporter transition, whose new version keys it.
 */
export function messageReporters(outbox: OutboxStore, ticket: NotifiedTicket, text: string, now: Date): Promise<number> {
  return queueForReporters(outbox, ticket, { kind: "officer_message", number: ticket.number, text }, now);
}

async function queueForReporters(outbox: OutboxStore, ticket: NotifiedTicket, message: ResidentMessage, now: Date): Promise<number> {
  const reporters = new Map(ticket.reports.map((r) => [r.accountId, r.channel]));
  for (const [accountId, channel] of reporters) {
    await outbox.enqueue({
      key: `resident:${ticket.id}:v${ticket.version}:${message.kind}:${accountId}`,
      audience: "account",
      accountId,
      channel,
      kind: message.kind,
      payload: message,
      at: now,
    });
  }
  return reporters.size;
}
