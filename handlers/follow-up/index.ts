import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, FeatureDeps, InnerContext } from "../../bot/deps.js";
import type { ViolationType } from "../../models/ticket.js";
import { mayFollowUp, notFixedKind } from "../../services/tickets/resident-follow-up.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { followUpRefusalText } from "./buttons.js";
import { followUpConversation, type FollowUpArgs } from "./conversation.js";

const ID = "([0-9a-f]{24})";

/**
 * Residents close the loop (issue 17), on Telegram and Zalo alike: the rating buttons under a
 * closing's status message (and under /ticket), "not fixed", adding evidence to an open ticket.
 * Callback data names only a ticket and a code; who may press it is decided here again, from
 * the stored account, by the same authorization and state table as every ticket action.
 */
export function followUpFeatures(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const transitions = { ...deps.stores, clock: deps.clock };
  c.use(createConversation<BotContext, InnerContext>(followUpConversation(deps), "followup"));

  /**
   * Starts a follow-up dialogue when nothing else is in progress and the ticket allows it now.
   * A refused press explains itself where the press is answered, in the toast (on Zalo, which
   * has no toast, the same words arrive as a message).
   */
  async function begin(ctx: BotContext, ticketId: string, kind: "add" | "not_fixed" | "rate", args: (type: ViolationType) => FollowUpArgs): Promise<void> {
    const refuse = (text: string) => ctx.answerCallbackQuery({ text, show_alert: true });
    if (Object.values(ctx.conversation.active()).some((n) => n > 0)) return void (await refuse(ctx.t("followup-busy")));
    const ticket = await deps.stores.tickets.byId(ticketId);
    if (!ticket) return void (await refuse(ctx.t("followup-not-yours")));
    const action = kind === "add" ? "add_evidence" : kind === "rate" ? "rate" : notFixedKind(ticket);
    const refusal = mayFollowUp(ctx.account, ticket, action, deps.clock());
    if (refusal) return void (await refuse(followUpRefusalText(ctx.t, refusal, kind, ticket.number)));
    await ctx.answerCallbackQuery();
    // An inspection ticket's reporters (merged reports) follow up on a poster that may be missing.
    await ctx.conversation.enter("followup", args(ticket.violationType === "not_scanned" ? "no_poster" : ticket.violationType));
  }

  c.callbackQuery(new RegExp(`^rt:${ID}:([yn])$`), async (ctx) => {
    const [, ticketId, answer] = ctx.match as RegExpMatchArray & [string, string, string];
    const satisfied = answer === "y";
    const r = await transitionTicket(transitions, ctx.account.id, ticketId, { kind: "rate", satisfied });
    // A refused press explains itself where the press was answered: in the toast.
    if (!r.ok) return void (await ctx.answerCallbackQuery({ text: followUpRefusalText(ctx.t, r.reason, "rate", r.ticket?.number), show_alert: true }));
    await ctx.answerCallbackQuery();
    // A reason is asked of the unsatisfied only: "satisfied" needs no why.
    const reason = satisfied ? undefined : { reply_markup: new InlineKeyboard().text(ctx.t("button-rate-reason"), `rr:${ticketId}:${answer}`) };
    await ctx.reply(ctx.t(satisfied ? "rate-thanks-satisfied" : "rate-thanks-not-satisfied", { number: r.ticket.number }), reason);
  });
  c.callbackQuery(new RegExp(`^rr:${ID}:([yn])$`), (ctx) =>
    begin(ctx, ctx.match[1]!, "rate", () => ({ mode: "reason", ticketId: ctx.match[1]!, satisfied: ctx.match[2] === "y" })),
  );
  c.callbackQuery(new RegExp(`^nf:${ID}$`), (ctx) =>
    begin(ctx, ctx.match[1]!, "not_fixed", (type) => ({ mode: "not_fixed", ticketId: ctx.match[1]!, type })),
  );
  c.callbackQuery(new RegExp(`^ad:${ID}$`), (ctx) => begin(ctx, ctx.match[1]!, "add", (type) => ({ mode: "add", ticketId: ctx.match[1]!, type })));
  return c;
}
