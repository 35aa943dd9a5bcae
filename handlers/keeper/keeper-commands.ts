import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { registryScope } from "../../services/access/authorize.js";
import { complianceOf, type ComplianceReport } from "../../services/registry/compliance.js";
import { percentVi } from "../../services/registry/compliance-pdf.js";
import { issueInspections, type InspectionOptions } from "../../services/registry/inspections.js";
import { dayVi, vietnamDay } from "../../services/text/vietnam-day.js";

const WARD_LINES = 10;
const ISSUE = /^kin:(\d{1,3})$/;

/**
 * The registry keeper's chat: /compliance (the province in a few lines) and /inspections (the
 * week's list as a dry run, then a button that issues it). Every step asks the stored account
 * again (registryScope, then the services' own authorizeRegistry), whatever the chat or button says.
 */
export function keeperCommands(deps: OfficerDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pv = c.chatType("private");
  const options = (dryRun: boolean): InspectionOptions => ({
    asOf: vietnamDay(deps.clock()),
    silentDays: deps.config.silentAfterDays,
    perWardWeek: deps.config.inspectionsPerWardWeek,
    dryRun,
  });
  /** The province asked for: the keeper's own, or the code an administrator names. */
  const province = (ctx: BotContext, arg: string): string | undefined => {
    const scope = registryScope(ctx.account);
    if (typeof scope === "string") return undefined;
    return scope.provinceCode ?? (arg.trim() || undefined);
  };

  pv.command("compliance", async (ctx) => {
    const code = province(ctx, ctx.match);
    if (!code) return void (await ctx.reply(ctx.t("keeper-only")));
    const r = await complianceOf(deps.stores, ctx.account, code, options(false));
    if (!r.ok) return void (await ctx.reply(ctx.t(refusalKey(r.reason))));
    await ctx.reply(complianceText(r.report, (k, a) => ctx.t(k, a), (await ctx.i18n.getLocale()) === "en"));
  });

  pv.command("inspections", async (ctx) => {
    const code = province(ctx, ctx.match);
    if (!code) return void (await ctx.reply(ctx.t("keeper-only")));
    const r = await issueInspections({ ...deps.stores, clock: deps.clock }, ctx.account, code, options(true));
    if (!r.ok) return void (await ctx.reply(ctx.t(refusalKey(r.reason))));
    if (r.issued === 0) return void (await ctx.reply(ctx.t("keeper-inspections-none", { province: r.provinceName })));
    const o = options(true);
    const lines = [
      ctx.t("keeper-inspections-preview", { province: r.provinceName, days: o.silentDays, cap: o.perWardWeek, count: r.issued }),
      ...r.wards.filter((w) => w.venues.length > 0).map((w) => ctx.t("keeper-inspections-ward", { ward: w.wardName, count: w.venues.length })),
    ];
    await ctx.reply(lines.join("\n"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-inspections-issue"), `kin:${code}`) });
  });

  c.callbackQuery(ISSUE, async (ctx) => {
    const code = ctx.match[1]!;
    const r = await issueInspections({ ...deps.stores, clock: deps.clock }, ctx.account, code, options(false));
    if (!r.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t(refusalKey(r.reason)), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("keeper-inspections-issued", { province: r.provinceName, count: r.issued }));
    // A second quick tap finds the button gone already: Telegram refuses the edit with a 400.
    await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard() }).catch((e: unknown) => {
      if (!(e instanceof GrammyError && e.error_code === 400)) throw e;
    });
  });
  return c;
}

const refusalKey = (reason: string) => (reason === "unknown_province" ? "keeper-unknown-province" : `refused-${reason}`);

type Translate = (key: string, args?: Record<string, string | number>) => string;

/** The province's figures and its weakest wards, for a chat message. */
function complianceText(r: ComplianceReport, t: Translate, english: boolean): string {
  const pct = (rate: number | undefined) => (english ? percentVi(rate).replace(",", ".") : percentVi(rate));
  const wards = [...r.wards].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.wardName.localeCompare(b.wardName));
  const lines = [
    t("keeper-compliance-title", { province: r.provinceName, date: dayVi(r.asOf) }),
    t("keeper-compliance-total", { active: r.total.active, scanned: r.total.scanned7d, rate: pct(r.total.rate), never: r.total.neverScanned, silent: r.total.silent, days: r.silentDays }),
    ...wards.slice(0, WARD_LINES).map((w) => t("keeper-compliance-ward", { ward: w.wardName, scanned: w.scanned7d, active: w.active, rate: pct(w.rate), silent: w.silent })),
  ];
  if (wards.length > WARD_LINES) lines.push(t("keeper-compliance-more", { count: wards.length - WARD_LINES }));
  return lines.join("\n");
}
