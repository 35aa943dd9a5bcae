import type { WardMessage } from "../../services/notify/ticket-changed.js";
import { formatDate } from "../../services/text/format.js";
import { postCard, refreshCards, type WardCardDeps } from "./ward-cards.js";

const LEASE_MS = 60_000;
const RETRY_MS = 30_000;
const MAX_ATTEMPTS = 8;

/**
 * Delivers the outbox's ward messages: new tickets' cards, re-rendered copies after a change
 * or a merged report, deadline reminders to the ward's group. Each message is claimed before
 * it is delivered, so several instances deliver it once; a failure is retried with a growing delay.
 */
export function createWardOutboxWorker(deps: WardCardDeps) {
  async function deliver(m: WardMessage): Promise<void> {
    if (m.kind === "deadline_reminder") {
      const group = await deps.stores.wardGroups.chatOf((await deps.stores.tickets.byId(m.ticketId))?.wardCode ?? "");
      if (!group) return void deps.logger.warn({ ticket: m.number }, "deadline reminder, but the ward has no group");
      await deps.api.sendMessage(group, deps.i18n.t(deps.defaultLocale, `remind-${m.deadline}`, { number: m.number, at: formatDate(m.due, deps.defaultLocale) }));
      return;
    }
    const ticket = await deps.stores.tickets.byId(m.ticketId);
    if (!ticket) return;
    if (m.kind === "ticket_opened") await postCard(deps, ticket);
    else if (m.kind === "ticket_reopened") await postCard(deps, ticket, m.kind);
    else await refreshCards(deps, ticket);
  }

  async function deliverOne(): Promise<boolean> {
    const now = deps.clock();
    const m = await deps.stores.outbox.claimDue("ward", [], now, LEASE_MS);
    if (!m) return false;
    try {
      await deliver(JSON.parse(m.payload) as WardMessage);
      await deps.stores.outbox.markSent(m.id, deps.clock());
    } catch (e) {
      deps.logger.warn({ err: e, outboxId: m.id, attempts: m.attempts }, "ward message not delivered");
      const retryAt = m.attempts < MAX_ATTEMPTS ? new Date(now.getTime() + RETRY_MS * m.attempts) : undefined;
      await deps.stores.outbox.markFailed(m.id, String((e as Error).message ?? e), retryAt);
    }
    return true;
  }
  return {
    async drain(): Promise<number> {
      let n = 0;
      while (await deliverOne()) n++;
      return n;
    },
  };
}
