import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { PUBLISH_DATA } from "../../bot/telegram/publish-button.js";
import { cardPhotoId } from "../../services/publication/photo-marks.js";
import { transitionTicket, type TransitionDeps } from "../../services/tickets/transition.js";
import { editPressed } from "./ticket-buttons.js";

/**
 * The card's "publish photo" button: the data names only the ticket and the wish; which photo
 * (the card's own, read again from the database) and whether this officer may is decided here,
 * through the one transition, which audits it and re-renders every copy of the card.
 */
export function publishPhotoPress(deps: OfficerDeps, transitions: TransitionDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(PUBLISH_DATA, async (ctx) => {
    const [, ticketId, wish] = ctx.match as RegExpMatchArray & [string, string, string];
    const ticket = await deps.stores.tickets.byId(ticketId);
    const photo = ticket && cardPhotoId(ticket);
    if (!photo) return void (await ctx.answerCallbackQuery({ text: ctx.t("refused-invalid_target"), show_alert: true }));
    const result = await transitionTicket(transitions, ctx.account.id, ticketId, { kind: "publish_photo", evidenceId: photo, publish: wish === "1" });
    if (!result.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t(`refused-${result.reason}`), show_alert: true }));
    await ctx.answerCallbackQuery({ text: ctx.t(wish === "1" ? "publish-photo-done" : "unpublish-photo-done") });
    await editPressed(ctx, deps, result.ticket);
  });
  return c;
}
