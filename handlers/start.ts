import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, FeatureDeps } from "../bot/deps.js";
import type { Role } from "../models/account.js";

const STAFF_HELP: Partial<Record<Role, string>> = {
  officer: "help-staff-officer",
  supervisor: "help-staff-province",
  enforcement: "help-staff-province",
  registry: "help-staff-registry",
};

/** /start, /help and /language: who the bot is, what it does, and in which language it speaks. */
export function startFeatures(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("start", (ctx) => ctx.reply(ctx.t("start-greeting", { name: ctx.from?.first_name ?? "" })));
  // Staff read the resident's commands and then their own (the role from the stored account).
  c.command("help", (ctx) => {
    const staff = STAFF_HELP[ctx.account.revokedAt ? "resident" : ctx.account.role];
    return ctx.reply(staff ? `${ctx.t("help-text")}\n\n${ctx.t(staff)}` : ctx.t("help-text"));
  });
  c.command("language", (ctx) =>
    ctx.reply(ctx.t("language-choose"), { reply_markup: new InlineKeyboard().text("Tiếng Việt", "lang:vi").text("English", "lang:en") }),
  );
  c.callbackQuery(/^lang:(vi|en)$/, async (ctx) => {
    const locale = ctx.match[1] as "vi" | "en";
    await deps.stores.accounts.setLocale(ctx.account.id, locale);
    ctx.account = { ...ctx.account, locale };
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set"));
  });
  return c;
}
