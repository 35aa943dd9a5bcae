import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import type { Account } from "../../models/account.js";
import { authorize, canSee, handlesTickets } from "../../services/access/authorize.js";
import { listOverdue } from "../../services/tickets/deadlines.js";
import { wardStats, type WardStats } from "../../services/tickets/stats.js";
import type { Satisfaction } from "../../services/tickets/satisfaction.js";
import { cardNames, renderCard } from "../../bot/telegram/ticket-card.js";
import { wardNames } from "../../services/routing/ward-names.js";
import { label } from "../../services/text/labels.js";
import { placeName } from "../../services/routing/ward-ref.js";

const PAGE = 10;
const STATS_PAGE = 10;
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
    // A province's names come with its list (without the boundaries, which one read per ward would fetch).
    const inProvince = a.role === "officer" ? [] : await deps.stores.wards.inProvince(a.provinceCode!);
    const wards = a.role === "officer" ? [a.wardCode!] : inProvince.map((w) => w.code);
    const names = a.role === "officer" ? await wardNames(deps.stores.wards, wards) : new Map(inProvince.map((w) => [w.code, placeName(w)]));
    const period = { from: new Date(now.getTime() - WEEK), to: now };
    // The wards' figures read together: one after another, a province of 40 took over ten seconds.
    const all: { code: string; s: WardStats }[] = await Promise.all(wards.map(async (code) => ({ code, s: await wardStats(deps.stores, code, period, now) })));
    // A province's wards, those that need attention first, a page at a time: 40 wards' lines
    // are three Telegram messages' worth, and the console has the full table.
    all.sort((x, y) => y.s.overdue - x.s.overdue || y.s.opened - x.s.opened || y.s.compliance.violating - x.s.compliance.violating || names.get(x.code)!.localeCompare(names.get(y.code)!, "vi"));
    const pages = Math.ceil(all.length / STATS_PAGE);
    const page = Math.min(pages - 1, Math.max(0, Number(ctx.match) - 1 || 0));
    const lines = all.slice(page * STATS_PAGE, (page + 1) * STATS_PAGE).map(({ code, s }) =>
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
    if (pages <= 1) return void (await ctx.reply([ctx.t("stats-title"), ...lines].join("\n")));
    const sum = (f: (s: WardStats) => number) => all.reduce((n, w) => n + f(w.s), 0);
    const total = ctx.t("stats-total", { wards: all.length, opened: sum((s) => s.opened), closed: sum((s) => s.closed), overdue: sum((s) => s.overdue) });
    const more = page + 1 < pages ? ctx.t("stats-more", { next: page + 2, pages }) : ctx.t("stats-last");
    await ctx.reply([ctx.t("stats-title"), total, ctx.t("stats-page", { page: page + 1, pages }), ...lines, more].join("\n"));
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
