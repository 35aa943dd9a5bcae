import type { WardMessage } from "../../services/notify/ticket-changed.js";
import { formatDate } from "../../services/text/format.js";
import { postCard, refreshCards, type WardCardDeps } from "./ward-cards.js";

const LEASE_MS = 60_000;
const RETRY_MS = 30_000;
const MAX_ATTEMPTS = 8;

/**
 * Wards delivered to at once. Telegram paces each chat by itself (about a message a second, 20 a
 * minute to a group, edits included) and a 429 makes the call wait its retry_after: one group's
 * wait must not hold up every other ward's cards. A card is four paced calls (photo and text, in
 * the group and to the officer), so one delivery at a time was 3–5 s a card under bench:intake.
 */
const WARDS_AT_ONCE = 4;

/**
 * Delivers the outbox's ward messages: new tickets' cards, re-rendered copies after a change
 * or a merged report, deadline reminders to the ward's group. Each message is claimed before
 * it is delivered, so several instances deliver it once; a failure is retried with a growing delay.
 * One ward's messages go one at a time, in order (a card's photo and text stay together). A
 * refresh renders the ticket as stored by then, so the refreshes queued for its earlier versions
 * find their copies current and send nothing: many merged reports make one edit.
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

  /** The next due message for a ward not being delivered to. */
  async function claimNext(busy: ReadonlySet<string>) {
    const now = deps.clock();
    const m = await deps.stores.outbox.claimDue("ward", [], now, LEASE_MS, { notWards: [...busy] });
    return m && { m, now };
  }

  async function deliverClaimed({ m, now }: NonNullable<Awaited<ReturnType<typeof claimNext>>>): Promise<void> {
    try {
      await deliver(JSON.parse(m.payload) as WardMessage);
      await deps.stores.outbox.markSent(m.id, deps.clock());
    } catch (e) {
      deps.logger.warn({ err: e, outboxId: m.id, attempts: m.attempts }, "ward message not delivered");
      const retryAt = m.attempts < MAX_ATTEMPTS ? new Date(now.getTime() + RETRY_MS * m.attempts) : undefined;
      await deps.stores.outbox.markFailed(m.id, String((e as Error).message ?? e), retryAt);
    }
  }

  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let filling: Promise<number> = Promise.resolve(0);
  let deliveryEnded = () => {};

  /**
   * Claims due messages for wards not being delivered to and starts their delivery, until WARDS_AT_ONCE
   * are under way or nothing is due; returns how many it started, without waiting for them. Calls
   * are taken one after another, so two deliveries never serve the same ward at once.
   */
  function fill(): Promise<number> {
    const next = filling.catch(() => 0).then(async () => {
      let started = 0;
      while (inFlight.size < WARDS_AT_ONCE) {
        const claimed = await claimNext(busy);
        if (!claimed) break;
        const ward = claimed.m.wardCode ?? "";
        busy.add(ward);
        const delivery: Promise<void> = deliverClaimed(claimed)
          .catch((e: unknown) => deps.logger.error({ err: e, outboxId: claimed.m.id }, "ward message delivery failed"))
          .finally(() => {
            busy.delete(ward);
            inFlight.delete(delivery);
            deliveryEnded();
          });
        inFlight.add(delivery);
        started++;
      }
      return started;
    });
    filling = next;
    return next;
  }

  return {
    fill,
    /** Called whenever a delivery ends: the runtime fills again at once, so that ward's next message need not wait for a tick. */
    onDeliveryEnd(listener: () => void): void {
      deliveryEnded = listener;
    },
    /** Delivers every message due now and those that fall due meanwhile, to the end; returns how many were attempted. */
    async drain(): Promise<number> {
      let n = 0;
      for (;;) {
        n += await fill();
        if (inFlight.size === 0) return n;
        await Promise.race(inFlight);
      }
    },
  };
}
