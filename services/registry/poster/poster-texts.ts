/** Poster texts in both languages: Vietnamese first, English beneath. */
export interface PosterTexts {
  title: Bilingual;
  scan: Bilingual;
  ward: Bilingual;
  issued: Bilingual;
  code: Bilingual;
  report: Bilingual;
}

export interface Bilingual {
  vi: string;
  en: string;
}

const KEYS = { title: "poster-title", scan: "poster-scan", ward: "poster-ward", issued: "poster-issued", code: "poster-code", report: "poster-report" } as const;

/** Reads the poster texts from locales/{vi,en}/registry.ftl through any `t(locale, key)` (e.g. @grammyjs/i18n). */
export function posterTexts(i18n: { t(locale: string, key: string): string }): PosterTexts {
  const entries = Object.entries(KEYS).map(([name, key]) => [name, { vi: i18n.t("vi", key), en: i18n.t("en", key) }]);
  return Object.fromEntries(entries) as unknown as PosterTexts;
}
