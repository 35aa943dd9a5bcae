import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, FeatureDeps } from "../bot/deps.js";
import type { Ticket } from "../models/ticket.js";
import { fullName } from "../services/routing/ward-ref.js";
import { nextDeadline } from "../services/tickets/deadlines.js";
import { ACTIONS, AWAITING_ACKNOWLEDGEMENT, isOpen } from "../models/ticket-states.js";
import { transitionTicket } from "../services/tickets/transition.js";
import { formatDate } from "../services/text/format.js";
import { followUpButtons } from "./follow-up/buttons.js";
import { label } from "../services/text/labels.js";

export const PAGE_SIZE = 5;
/** HUE-2611-0042, and a transferred ticket's successor HUE-2611-0042-T (again -T per transfer). */
const TICKET_NUMBER = /^[A-Z]{3}-\d{4}-\d{4,}(?:-T)*$/;

/**
 * /mytickets (own tickets, newest first, paginated), /ticket <number> (detail, deadline and
 * history, own only) and withdrawing one's own report while the ward has not taken it on.
 */
export function myTicketsFeatures(deps: FeatureDeps): Composer<BotContext> {
  const { tickets } = deps.stores;
  const c = new Composer<BotContext>();
  async function page(ctx: BotContext, n: number): Promise<{ text: string; keyboard?: InlineKeyboard }> {
    const account = ctx.account;
    const { tickets: list, total } = await tickets.ofReporter(account.id, { skip: n * PAGE_SIZE, limit: PAGE_SIZE });
    if (total === 0) return { text: ctx.t("mytickets-empty") };
    const pages = Math.ceil(total / PAGE_SIZE);
    const locale = await ctx.i18n.getLocale();
    const lines = list.map((t) =>
      ctx.t("mytickets-line", { number: t.number, type: label(ctx.t, "type", t.violationType), state: label(ctx.t, "state", t.state), date: formatDate(t.openedAt, locale) }),
    );
    const keyboard = new InlineKeyboard();
    // Evidence is added to an open ticket straight from the list (issue 17); the press is authorized again.
    for (const t of list.filter((x) => isOpen(x.state))) keyboard.text(ctx.t("button-add-to", { number: t.number }), `ad:${t.id}`).row();
    if (n > 0) keyboard.text(ctx.t("button-prev"), `mt:${n - 1}`);
    if (n + 1 < pages) keyboard.text(ctx.t("button-next"), `mt:${n + 1}`);
    return { text: [ctx.t("mytickets-header", { total, page: n + 1, pages }), ...lines].join("\n"), keyboard };
  }

  /** The ticket by number when this account reported it; someone else's answers like a missing one, so numbers leak nothing. */
  async function own(ctx: BotContext, number: string): Promise<{ ticket?: Ticket; accountId: string }> {
    const account = ctx.account;
    const ticket = TICKET_NUMBER.test(number) ? await tickets.byNumber(number) : undefined;
    return { ticket: ticket?.reports.some((r) => r.accountId === account.id) ? ticket : undefined, accountId: account.id };
  }

  /** Withdraws the account's report from a ticket: what happened, or why not, in words. */
  async function withdraw(ctx: BotContext, ticket: Ticket, accountId: string): Promise<{ done: boolean; text: string }> {
    // A second /withdraw: say it is done already, not that the ward started work.
    const own = ticket.reports.filter((r) => r.accountId === accountId);
    if (own.length > 0 && own.every((r) => r.withdrawnAt)) return { done: false, text: ctx.t("withdraw-already", { number: ticket.number }) };
    const r = await transitionTicket({ ...deps.stores, clock: deps.clock }, accountId, ticket.id, { kind: "withdraw" });
    if (r.ok) return { done: true, text: ctx.t(r.to === "withdrawn" ? "withdraw-closed" : "withdraw-done", { number: ticket.number }) };
    if (r.reason === "invalid_state" || r.reason === "stale") return { done: false, text: ctx.t("withdraw-too-late", { number: ticket.number, state: label(ctx.t, "state", r.ticket?.state ?? ticket.state) }) };
    return { done: false, text: ctx.t("ticket-not-found", { number: ticket.number }) };
  }

  c.command("mytickets", async (ctx) => {
    const p = await page(ctx, 0);
    await ctx.reply(p.text, { reply_markup: p.keyboard });
  });
  c.callbackQuery(/^mt:(\d{1,4})$/, async (ctx) => {
    const p = await page(ctx, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(p.text, { reply_markup: p.keyboard });
  });
  c.command("ticket", async (ctx) => {
    const number = ctx.match.trim().toUpperCase();
    if (!TICKET_NUMBER.test(number)) return void (await ctx.reply(ctx.t("ticket-usage")));
    const { ticket, accountId } = await own(ctx, number);
    if (!ticket) return void (await ctx.reply(ctx.t("ticket-not-found", { number })));
    const locale = await ctx.i18n.getLocale();
    const ward = deps.directory.byCode(ticket.wardCode);
    const head = ctx.t("ticket-detail", {
      number: ticket.number, type: label(ctx.t, "type", ticket.violationType), state: label(ctx.t, "state", ticket.state),
      ward: ward ? fullName(ward) : ticket.wardCode, verdict: label(ctx.t, "verdict", ticket.verdict), reports: ticket.reports.length,
    });
    const due = isOpen(ticket.state) ? nextDeadline(ticket) : undefined;
    const history = ticket.history.map((h) =>
      ctx.t("ticket-history-line", { date: formatDate(h.at, locale), action: h.to && h.to !== h.from ? `${actionText(ctx, h.action)} → ${label(ctx.t, "state", h.to)}` : actionText(ctx, h.action) }),
    );
    const rating = (ticket.ratings ?? []).findLast((r) => r.accountId === accountId);
    const rated = rating ? [ctx.t(rating.satisfied ? "ticket-rated-satisfied" : "ticket-rated-not-satisfied")] : [];
    const text = [head, ...history, ...rated, ...(due ? [ctx.t(`ticket-due-${AWAITING_ACKNOWLEDGEMENT.includes(ticket.state) ? "acknowledge" : "close"}`, { at: formatDate(due, locale) })] : [])].join("\n");
    const mayWithdraw = ACTIONS.withdraw.from.includes(ticket.state) && ticket.reports.some((r) => r.accountId === accountId && !r.withdrawnAt);
    const keyboard = followUpButtons(ctx.t, ctx.account, ticket, deps.clock()) ?? new InlineKeyboard();
    if (mayWithdraw) keyboard.text(ctx.t("button-withdraw"), `wd:${ticket.id}`);
    await ctx.reply(text, keyboard.inline_keyboard.flat().length ? { reply_markup: keyboard } : {});
  });
  c.command("withdraw", async (ctx) => {
    const number = ctx.match.trim().toUpperCase();
    if (!TICKET_NUMBER.test(number)) return void (await ctx.reply(ctx.t("withdraw-usage")));
    const { ticket, accountId } = await own(ctx, number);
    await ctx.reply(ticket ? (await withdraw(ctx, ticket, accountId)).text : ctx.t("ticket-not-found", { number }));
  });
  c.callbackQuery(/^wd:([0-9a-f]{24})$/, async (ctx) => {
    const account = ctx.account;
    const ticket = await tickets.byId(ctx.match[1]!);
    if (!ticket) return void (await ctx.answerCallbackQuery({ text: ctx.t("followup-not-yours"), show_alert: true }));
    // The transition checks again that this account reported it. A refusal is the press's own
    // answer (its toast); a withdrawal done is news, a message of its own.
    const r = await withdraw(ctx, ticket, account.id);
    if (!r.done) return void (await ctx.answerCallbackQuery({ text: r.text, show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.reply(r.text);
  });
  return c;
}

function actionText(ctx: BotContext, action: string): string {
  return ["opened", "report_attached", "withdraw", "rate", "reopen", "escalate_reopen", "add_evidence"].includes(action) ? ctx.t(`action-${action}`) : ctx.t("action-transition");
}
