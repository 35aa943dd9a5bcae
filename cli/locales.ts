import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";

/**
 * The product's texts for commands that render documents (posters, reports), Vietnamese by
 * default; without Fluent's bidi isolation marks, which a PDF would print as stray spaces.
 */
export function loadTexts(): I18n {
  const i18n = new I18n({ defaultLocale: "vi", fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(fileURLToPath(new URL("../locales", import.meta.url)));
  return i18n;
}
