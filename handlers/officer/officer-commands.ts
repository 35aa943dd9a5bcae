import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import type { Account } from "../../models/account.js";
import { authorize, canSee, handlesTickets } from "../../services/access/authorize.js";
import { listOverdue } from "../../services/tickets/deadlines.js";
import { wardStats } from "../../services/tickets/stats.js";
import type { Satisfaction } from "../../services/tickets/satisfaction.js";
import { cardNames, renderCard } from "../../bot/telegram/ticket-card.js";
import { wardNames } from "../../services/routing/ward-names.js";
import { label } from "../../services/text/labels.js";

const PAGE = 10;
const WEEK = 7 * 24 * 3600e3;

/** /queue, /ticket, /search, /overdue and /stats for staff; residents fall through to their own /ticket. */
export function officerCommands(deps: OfficerDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const staff = (ctx: BotContext): Account | undefined => (ctx.account.role !== "resident" && !ctx.account.revokedAt ? ctx.account : undefined);
  const scope = (a: Account) => (a.role === "officer" ? { wardCode: a.wardCode ?? "" } : { provinceCode: a.provinceCode ?? "" });
  const pv = c.chatType("private");

  pv.command("queue", async (ctx) => {
    const a = staff(ctx);
    if (a?.role !== "officer" || !a.wardCode) return void (await ctx.reply(ctx.t("staff-only")));
    const page = Math.max(0, Number(ctx.match) - 1 || 0);
    const { tickets, total } = await deps.stores.tickets.openOfWard(a.wardCode, { skip: page * PAGE, limit: PAGE });
    if (total === 0) return void (await ctx.reply(ctx.t("queue-empty")));
    const lines = tickets.map((t) => ctx.t("queue-line", { number: t.number, state: label(ctx.t, "state", t.state), type: label(ctx.t, "type", t.violationType) }));
    await ctx.reply([ctx.t("queue-title", { page: page + 1, pages: Math.ceil(total / PAGE), total }), ...lines].join("\n"));
  });

  pv.command("ticket", async (ctx, next) => {
    const a = staff(ctx);
    if (!a) return next();
    const t = ctx.match ? await deps.stores.tickets.byNumber(ctx.match.trim()) : undefined;
    if (!t || !canSee(a, t)) return void (await ctx.reply(ctx.t("staff-ticket-not-found")));
    const card = renderCard(t, (k, x) => ctx.t(k, x), deps.clock(), await cardNames(deps.stores, t, deps.clock()));
    // The buttons are offered only for what this account may do; the press is checked again anyway.
    const mayAct = !authorize(a, t, "acknowledge") || !authorize(a, t, "enforce");
    const sent = await ctx.reply(card.text, mayAct ? { reply_markup: card.keyboard } : {});
    // A copy with buttons follows the ticket's changes like the posted cards.
    const locale = (await ctx.i18n.getLocale()) === "en" ? "en" : "vi";
    if (mayAct) await deps.stores.ticketCards.add({ ticketId: t.id, chatId: String(ctx.chat.id), messageId: sent.message_id, locale });
  });

  pv.command("search", async (ctx) => {
    const a = staff(ctx);
    if (!a || !handlesTickets(a)) return void (await ctx.reply(ctx.t("staff-only")));
    const text = ctx.match.trim();
    if (text.length < 2) return void (await ctx.reply(ctx.t("usage-search")));
    const found = await deps.stores.tickets.search(scope(a), text, await deps.stores.venues.codesByName(text, 50), PAGE);
    if (found.length === 0) return void (await ctx.reply(ctx.t("search-none")));
    const lines = found.map((t) => ctx.t("queue-line", { number: t.number, state: label(ctx.t, "state", t.state), type: label(ctx.t, "type", t.violationType) }));
    await ctx.reply([ctx.t("search-title", { count: found.length }), ...lines].join("\n"));
  });

  pv.command("overdue", async (ctx) => {
    const a = staff(ctx);
    if (!a || !handlesTickets(a)) return void (await ctx.reply(ctx.t("staff-only")));
    const overdue = await listOverdue(deps.stores.tickets, deps.clock(), scope(a));
    if (overdue.length === 0) return void (await ctx.reply(ctx.t("overdue-none")));
    const names = await wardNames(deps.stores.wards, overdue.map((o) => o.ticket.wardCode));
    const lines = overdue.map((o) =>
      ctx.t("overdue-line", { number: o.ticket.number, ward: names.get(o.ticket.wardCode)!, missed: o.missed.map((m) => ctx.t(`deadline-${m.kind}`)).join(", ") }),
    );
    await ctx.reply([ctx.t("overdue-title", { count: overdue.length }), ...lines].join("\n"));
  });

  pv.command("stats", async (ctx) => {
    const a = staff(ctx);
    if (!a || !handlesTickets(a)) return void (await ctx.reply(ctx.t("staff-only")));
    const now = deps.clock();
    const wards = a.role === "officer" ? [a.wardCode!] : (await deps.stores.wards.inProvince(a.provinceCode!)).map((w) => w.code);
    const names = await wardNames(deps.stores.wards, wards);
    const lines = [];
    for (const code of wards) {
      const s = await wardStats(deps.stores, code, { from: new Date(now.getTime() - WEEK), to: now }, now);
      lines.push(
        ctx.t("stats-line", {
          ward: names.get(code)!,
          opened: s.opened,
          closed: s.closed,
          ack: s.medianHoursToAcknowledge ?? "—",
          close: s.medianHoursToClose ?? "—",
          ontime: s.onTimeRate === undefined ? "—" : Math.round(s.onTimeRate * 100),
          overdue: s.overdue,
          violating: s.compliance.violating,
          registered: s.compliance.registered,
          residents: s.bySource.resident ?? 0,
          inspections: s.bySource.inspection ?? 0,
        }) + satisfactionText(ctx, s.satisfaction),
      );
    }
    await ctx.reply([ctx.t("stats-title"), ...lines].join("\n"));
  });
  return c;
}


/** Residents' satisfaction after a ward's line, with each outcome's share; nothing while nobody rated. */
function satisfactionText(ctx: BotContext, s: Satisfaction): string {
  if (!s.rated) return "";
  const pct = (rate: number | undefined) => Math.round((rate ?? 0) * 100);
  const outcomes = Object.entries(s.byOutcome).map(([k, t]) => `, ${label(ctx.t, "state", k)} ${pct(t.rate)}%`).join("");
  return " " + ctx.t("stats-satisfaction", { rate: pct(s.rate), satisfied: s.satisfied, rated: s.rated, outcomes });
}
