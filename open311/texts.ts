import { I18n } from "@grammyjs/i18n";
import { localeFromAcceptLanguage } from "../services/text/i18n.js";

export type Locale = "vi" | "en";
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const LOCALES_DIR = new URL("../locales", import.meta.url).pathname;

/** The same locale files the chats use; one bundle per process, read once. */
export function createTexts(defaultLocale: Locale) {
  const i18n = new I18n({ defaultLocale, fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return {
    /** Machine clients rarely say; an English Accept-Language gets English, anything else the default. */
    localeOf(acceptLanguage: string | undefined): Locale {
      return localeFromAcceptLanguage(acceptLanguage, defaultLocale);
    },
    translator(locale: Locale): Translate {
      return (key, vars) => i18n.t(locale, key, vars);
    },
  };
}

export type Texts = ReturnType<typeof createTexts>;
