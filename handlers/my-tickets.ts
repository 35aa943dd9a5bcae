import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, FeatureDeps } from "../bot/deps.js";
import { fullName } from "../services/routing/ward-ref.js";
import { formatDate } from "../bot/format.js";

export const PAGE_SIZE = 5;

/** /mytickets (own tickets, newest first, paginated) and /ticket <number> (detail and history, own only). */
export function myTicketsFeatures(deps: FeatureDeps): Composer<BotContext> {
  const { tickets } = deps.stores;
  const c = new Composer<BotContext>();

  async function page(ctx: BotContext, n: number): Promise<{ text: string; keyboard?: InlineKeyboard }> {
    const { tickets: list, total } = await tickets.ofReporter(ctx.account.id, { skip: n * PAGE_SIZE, limit: PAGE_SIZE });
    if (total === 0) return { text: ctx.t("mytickets-empty") };
    const pages = Math.ceil(total / PAGE_SIZE);
    const locale = await ctx.i18n.getLocale();
    const lines = list.map((t) =>
      ctx.t("mytickets-line", { number: t.number, type: ctx.t(`type-${t.violationType}`), state: ctx.t(`state-${t.state}`), date: formatDate(t.openedAt, locale) }),
    );
    const keyboard = new InlineKeyboard();
    if (n > 0) keyboard.text(ctx.t("button-prev"), `mt:${n - 1}`);
    if (n + 1 < pages) keyboard.text(ctx.t("button-next"), `mt:${n + 1}`);
    return { text: [ctx.t("mytickets-header", { total, page: n + 1, pages }), ...lines].join("\n"), keyboard };
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
    if (!/^[A-Z]{3}-\d{4}-\d{4,}$/.test(number)) return void (await ctx.reply(ctx.t("ticket-usage")));
    const ticket = await tickets.byNumber(number);
    // Someone else's ticket answers exactly like a missing one: numbers must not leak reports.
    if (!ticket || !ticket.reports.some((r) => r.accountId === ctx.account.id)) {
      return void (await ctx.reply(ctx.t("ticket-not-found", { number })));
    }
    const locale = await ctx.i18n.getLocale();
    const ward = deps.directory.byCode(ticket.wardCode);
    const head = ctx.t("ticket-detail", {
      number: ticket.number, type: ctx.t(`type-${ticket.violationType}`), state: ctx.t(`state-${ticket.state}`),
      ward: ward ? fullName(ward) : ticket.wardCode, verdict: ctx.t(`verdict-${ticket.verdict}`), reports: ticket.reports.length,
    });
    const history = ticket.history.map((h) =>
      ctx.t("ticket-history-line", { date: formatDate(h.at, locale), action: h.to ? `${actionText(ctx, h.action)} → ${ctx.t(`state-${h.to}`)}` : actionText(ctx, h.action) }),
    );
    await ctx.reply([head, ...history].join("\n"));
  });
  return c;
}

function actionText(ctx: BotContext, action: string): string {
  return ["opened", "report_attached"].includes(action) ? ctx.t(`action-${action}`) : ctx.t("action-transition");
}
