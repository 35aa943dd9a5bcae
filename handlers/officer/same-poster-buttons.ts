import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { JOIN_DATA, SPLIT_DATA } from "../../bot/telegram/same-poster-card.js";
import { transitionTicket, type TransitionDeps, type TransitionResult } from "../../services/tickets/transition.js";
import { editPressed } from "./ticket-buttons.js";

/**
 * The card's "same poster" buttons (issue 24): join a suggested duplicate (the newer closes as a
 * duplicate of the older) and split a report out into its own ticket. As every card button,
 * the data names only tickets; the transition decides from the stored account.
 */
export function samePosterButtons(deps: OfficerDeps, transitions: TransitionDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(JOIN_DATA, async (ctx) => {
    const [, newerId, olderNumber] = ctx.match as RegExpMatchArray & [string, string, string];
    const result = await transitionTicket(transitions, ctx.account.id, newerId, { kind: "close_duplicate", duplicateOf: olderNumber });
    await answer(ctx, deps, result, result.ok ? ctx.t("staff-joined-duplicate", { newer: result.ticket.number, older: olderNumber }) : undefined);
  });
  c.callbackQuery(SPLIT_DATA, async (ctx) => {
    const [, ticketId, index, version] = ctx.match as RegExpMatchArray & [string, string, string, string];
    const result = await transitionTicket(transitions, ctx.account.id, ticketId, { kind: "split_report", report: Number(index) }, { version: Number(version) });
    const split = result.ok && result.successor;
    const ward = split ? await deps.stores.wards.byCode(split.wardCode) : undefined;
    await answer(ctx, deps, result, split ? ctx.t("staff-split-done", { n: Number(index) + 1, number: split.number, ward: ward ? `${ward.kind} ${ward.name}` : split.wardCode }) : undefined);
  });
  return c;
}

/** Answers the press, and shows the pressed card as its ticket is now (whichever of the pair it was). */
async function answer(ctx: BotContext, deps: OfficerDeps, result: TransitionResult, done: string | undefined): Promise<void> {
  if (done) await ctx.answerCallbackQuery({ text: done, show_alert: true });
  else await ctx.answerCallbackQuery({ text: ctx.t(`refused-${result.ok ? "stale" : result.reason}`), show_alert: true });
  const message = ctx.callbackQuery?.message;
  const ticket = result.ticket;
  if (!message || !ticket) return;
  const copies = await deps.stores.ticketCards.of(ticket.id);
  const pressedIsThis = copies.some((c) => c.chatId === String(message.chat.id) && c.messageId === message.message_id);
  const shown = pressedIsThis ? ticket : await pressedTicket(deps, ticket.duplicateOf ?? undefined);
  if (shown) await editPressed(ctx, deps, shown);
}

async function pressedTicket(deps: OfficerDeps, number: string | undefined) {
  return number ? deps.stores.tickets.byNumber(number) : undefined;
}
