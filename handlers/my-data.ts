import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, FeatureDeps } from "../bot/deps.js";
import { formatDate } from "../services/text/format.js";
import { forgetResident } from "../services/privacy/forget-resident.js";
import { residentData, type ResidentData } from "../services/privacy/resident-data.js";
import { label } from "../services/text/labels.js";
import { visibleText } from "../services/text/visible-text.js";
import { shorten } from "./report/photos.js";

const [FORGET, KEEP] = ["fm:yes", "fm:no"];
/** Tickets, notes per ticket and characters per note shown (and a ticket's latest rating): the answer stays within Zalo's 2,000 characters. */
const SHOWN = { tickets: 4, notes: 2, chars: 40 } as const;

/**
 * /mydata (what the system holds about the resident) and /forgetme (erase their contact and
 * words after a confirming press): a resident's rights of access and deletion under Decree
 * 13/2023/NĐ-CP, on Telegram and on Zalo alike (Zalo's bridge turns the buttons into its own).
 */
export function myDataFeatures(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("mydata", async (ctx) => {
    const data = await residentData(deps.stores, ctx.account);
    await ctx.reply(render(ctx, data, await ctx.i18n.getLocale(), deps.config.textRetentionDays));
  });
  c.command("forgetme", async (ctx) => {
    if (ctx.account.role !== "resident") return void (await ctx.reply(ctx.t("forgetme-staff")));
    await ctx.reply(ctx.t("forgetme-ask"), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-forget"), FORGET).row().text(ctx.t("button-keep"), KEEP),
    });
  });
  c.callbackQuery(KEEP, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("forgetme-kept"));
  });
  c.callbackQuery(FORGET, async (ctx) => {
    await ctx.answerCallbackQuery();
    // The stored account decides, not the button: a staff account pressing an old button is refused too.
    const r = await forgetResident(deps, ctx.account);
    if ("refused" in r) return void (await ctx.reply(ctx.t("forgetme-staff")));
    ctx.logger.info({ tickets: r.tickets, notes: r.notes, reasons: r.reasons }, "resident erased their data");
    await ctx.reply(
      ctx.t("forgetme-done", { tickets: r.tickets, notes: r.notes, reasons: r.reasons, photos: r.photos, name: r.name ? 1 : 0, phone: r.phone ? 1 : 0 }),
    );
  });
  return c;
}

function render(ctx: BotContext, d: ResidentData, locale: string, days: number): string {
  const none = ctx.t("report-none");
  const lines = [
    ctx.t("mydata-header", { since: formatDate(d.since, locale) }),
    ctx.t("mydata-contact", { name: d.name ? visibleText(shorten(d.name, 60)) : none, phone: d.phone ?? none, channel: d.channel === "zalo" ? "Zalo" : "Telegram" }),
    ctx.t("mydata-counts", {
      tickets: d.totalTickets,
      notes: d.tickets.reduce((n, t) => n + t.notes.length, 0),
      ratings: d.tickets.reduce((n, t) => n + t.ratings.length, 0),
      photos: d.photos,
    }),
  ];
  for (const t of d.tickets.slice(0, SHOWN.tickets)) {
    lines.push(ctx.t("mydata-ticket", { number: t.number, type: label(ctx.t, "type", t.violationType), state: label(ctx.t, "state", t.state) }));
    for (const note of t.notes.slice(0, SHOWN.notes)) lines.push(ctx.t("mydata-note", { note: visibleText(shorten(note, SHOWN.chars)) }));
    for (const r of t.ratings.slice(-1)) {
      const reason = r.reason ? visibleText(shorten(r.reason, SHOWN.chars)) : none;
      lines.push(ctx.t(r.satisfied ? "mydata-rating-satisfied" : "mydata-rating-not-satisfied", { reason }));
    }
  }
  if (d.totalTickets > SHOWN.tickets) lines.push(ctx.t("mydata-more", { more: d.totalTickets - SHOWN.tickets }));
  lines.push(ctx.t("mydata-footer", { days }));
  return lines.join("\n");
}
