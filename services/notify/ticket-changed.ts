import type { OutboxStore } from "../../models/outbox.js";
import type { Ticket } from "../../models/ticket.js";
import type { ResidentMessage } from "./resident-message.js";

/**
 * Queues "your report changed" for every distinct reporter of the ticket. Call it after a
 * successful transition; the key (ticket, version, account) makes a repeated call harmless.
 */
export async function notifyReporters(outbox: OutboxStore, ticket: Pick<Ticket, "id" | "number" | "state" | "version" | "reports">, now: Date): Promise<number> {
  const reporters = new Map(ticket.reports.map((r) => [r.accountId, r.channel]));
  const message: ResidentMessage = { kind: "state_changed", number: ticket.number, state: ticket.state };
  for (const [accountId, channel] of reporters) {
    await outbox.enqueue({
      key: `resident:${ticket.id}:v${ticket.version}:${accountId}`,
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
