import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Account } from "../../models/account.js";

export const LOCALES_DIR = new URL("../../locales", import.meta.url).pathname;
export type Locale = "vi" | "en";

/** Telegram's language code decides only on first contact; afterwards the account's choice (/language) does. */
export function localeFromTelegram(code: string | undefined): Locale {
  return code?.toLowerCase().startsWith("en") ? "en" : "vi";
}

/** For web clients before any account is known: an English Accept-Language gets English, anything else the default. */
export function localeFromAcceptLanguage(header: string | undefined, defaultLocale: Locale): Locale {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  if (first.startsWith("en")) return "en";
  if (first.startsWith("vi")) return "vi";
  return defaultLocale;
}

/**
 * Texts from locales/<lang>/*.ftl. The locale lives on the account, not in a session, because
 * notifications sent later (outside any update) must speak the same language; the account is
 * the one the plumbing loaded for the update (ctx.account), so choosing a language reads no database.
 */
export function createI18n<C extends Context & { account?: Pick<Account, "locale"> }>(defaultLocale: Locale): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale,
    // Without isolation marks, texts stay plain (Telegram shows them as stray characters in some clients).
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.account?.locale ?? defaultLocale,
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}
