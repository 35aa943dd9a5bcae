import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { notifyReporters } from "../../services/notify/ticket-changed.js";
import { transitionTicket, type TransitionDeps } from "../../services/tickets/transition.js";
import { BUTTONS, renderCard, type ButtonCode } from "../../bot/telegram/ticket-card.js";

/**
 * Card buttons. The data names only the ticket and the action: who may do it, and whether
 * the ticket is still in a state where it applies, is decided again here from the database.
 */
export function ticketButtons(deps: OfficerDeps, transitions: TransitionDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(/^tk:([0-9a-f]{24}):(ack|insp|cv|nv|er|ew|es|rw)$/, async (ctx) => {
    const [, ticketId, code] = ctx.match as RegExpMatchArray & [string, string, ButtonCode];
    const actor = await deps.stores.accounts.ensure("telegram", String(ctx.from.id));
    const result = await transitionTicket(transitions, actor.id, ticketId!, BUTTONS[code]);
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(`refused-${result.reason}`), show_alert: true });
      if (result.reason === "stale" && result.ticket) await editCard(ctx, deps, result.ticket);
      return;
    }
    // Queued first: the reporter hears of the change even if editing the card fails.
    if (result.to !== result.from) await notifyReporters(deps.stores.outbox, result.ticket, deps.clock());
    await ctx.answerCallbackQuery({ text: ctx.t("staff-action-done", { state: ctx.t(`state-${result.to}`) }) });
    await editCard(ctx, deps, result.ticket);
  });
  return c;
}

async function editCard(ctx: BotContext, deps: OfficerDeps, ticket: Parameters<typeof renderCard>[0]): Promise<void> {
  const venue = ticket.venueCode ? await deps.stores.venues.byCode(ticket.venueCode) : undefined;
  const card = renderCard(ticket, (k, a) => ctx.t(k, a), deps.clock(), venue);
  await ctx.editMessageText(card.text, { reply_markup: card.keyboard }).catch(() => undefined);
}
