import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Translate } from "./labels.js";

let bundle: I18n | undefined;

/**
 * The locale files' texts outside any chat or page (documents such as the evidence summary),
 * read on first use, never at import; without Fluent's isolation marks, which a text file
 * would show as stray characters.
 */
export function localeTexts(locale: "vi" | "en"): Translate {
  bundle ??= (() => {
    const i18n = new I18n({ defaultLocale: "vi", fluentBundleOptions: { useIsolating: false } });
    i18n.loadLocalesDirSync(fileURLToPath(new URL("../../locales", import.meta.url)));
    return i18n;
  })();
  const i18n = bundle;
  return (key, vars) => i18n.t(locale, key, vars);
}
