import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { transitionTicket, type TransitionDeps } from "../../services/tickets/transition.js";
import { BUTTONS, type ButtonCode } from "../../models/ticket-states.js";
import type { Ticket } from "../../models/ticket.js";
import { cardNames, renderCard } from "../../bot/telegram/ticket-card.js";
import { label } from "../../services/text/labels.js";
import { showCard } from "../../bot/telegram/ward-cards.js";

/**
 * Card buttons. The data names only the ticket and the action: who may do it, and whether
 * the ticket is still in a state where it applies, is decided again here from the database.
 * What follows a change (reporters told, every copy of the card re-rendered) is recorded by
 * the transition itself; the pressed card is edited at once so the officer sees the result.
 */
export function ticketButtons(deps: OfficerDeps, transitions: TransitionDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(new RegExp(`^tk:([0-9a-f]{24}):(${Object.keys(BUTTONS).join("|")})$`), async (ctx) => {
    const [, ticketId, code] = ctx.match as RegExpMatchArray & [string, string, ButtonCode];
    const result = await transitionTicket(transitions, ctx.account.id, ticketId!, BUTTONS[code]);
    if (result.ok) {
      // "Venue closed" is the officer's finding; the registry changes only once its keeper confirms.
      const done = result.to === "venue_closed" ? ctx.t("staff-action-venue-closed", { number: result.ticket.number }) : ctx.t("staff-action-done", { state: label(ctx.t, "state", result.to) });
      await ctx.answerCallbackQuery({ text: done, show_alert: result.to === "venue_closed" });
      return editPressed(ctx, deps, result.ticket);
    }
    // A card that no longer matches the ticket (changed elsewhere, or an old copy) is brought up to date.
    if ((result.reason === "stale" || result.reason === "invalid_state") && result.ticket) {
      await ctx.answerCallbackQuery({ text: ctx.t("card-refreshed", { state: label(ctx.t, "state", result.ticket.state) }), show_alert: true });
      return editPressed(ctx, deps, result.ticket);
    }
    await ctx.answerCallbackQuery({ text: ctx.t(`refused-${result.reason}`), show_alert: true });
  });
  return c;
}

/** Edits the pressed card to show the ticket as it is now. */
export async function editPressed(ctx: BotContext, deps: OfficerDeps, ticket: Ticket): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (!message) return;
  const names = await cardNames(deps.stores, ticket, deps.clock());
  // The first render uses the transition's result; a repair after crossing edits reads the ticket again.
  let loaded: Ticket | undefined = ticket;
  await showCard({ api: ctx.api, stores: deps.stores }, { chatId: String(message.chat.id), messageId: message.message_id }, async () => {
    const current = loaded ?? (await deps.stores.tickets.byId(ticket.id));
    loaded = undefined;
    return current && { ticket: current, card: renderCard(current, (k, a) => ctx.t(k, a), deps.clock(), names) };
  });
}
