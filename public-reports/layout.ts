import type { FastifyRequest } from "fastify";
import { html, type Html } from "../console/html.js";
import type { Locale, Texts, Translate } from "../open311/texts.js";

export const PREFIX = "/reports";

/** One reader: their language (a `lang` switch, else Accept-Language), its texts, and links that keep an explicit choice. */
export interface Reader {
  locale: Locale;
  t: Translate;
  /** A link to a public page, carrying `lang` when the reader chose it. */
  href: (path: string, query?: Record<string, string | undefined>) => string;
  /** The same page in the other language. */
  switchHref: string;
}

export function readerOf(texts: Texts, request: FastifyRequest): Reader {
  const asked = (request.query as Record<string, unknown>).lang;
  const chosen = asked === "vi" || asked === "en" ? asked : undefined;
  const locale = chosen ?? texts.localeOf(request.headers["accept-language"]);
  const href = (path: string, query: Record<string, string | undefined> = {}) => {
    const q = new URLSearchParams(Object.entries({ ...query, lang: chosen }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${PREFIX}${path}${q.size ? `?${q}` : ""}`;
  };
  const here = new URL(request.url, "http://x");
  here.searchParams.set("lang", locale === "vi" ? "en" : "vi");
  return { locale, t: texts.translator(locale), href, switchHref: `${here.pathname}${here.search}` };
}

/** A public page: phone first, no sign-in, the language switch and the way to report on every page. */
export function page(r: Reader, o: { title: string; body: Html; links: { telegram: string; zalo?: string }; map?: boolean }): string {
  const { t } = r;
  const asset = (name: string) => `${PREFIX}/assets/${name}`;
  return html`<!doctype html>
<html lang="${r.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${t("public-site-name")}</title>
${o.map ? html`<link rel="stylesheet" href="${asset("leaflet.css")}">` : ""}<link rel="stylesheet" href="${asset("reports.css")}">
</head>
<body>
<header class="top"><a class="home" href="${r.href("")}">${t("public-site-name")}</a>
  <a class="lang" href="${r.switchHref}" hreflang="${r.locale === "vi" ? "en" : "vi"}">${t("public-other-language")}</a></header>
<main>
<h1>${o.title}</h1>
${o.body}
</main>
<footer><p>${t("public-report-how")} <a href="${o.links.telegram}" rel="noopener">${t("public-report-telegram")}</a>${o.links.zalo ? html` · <a href="${o.links.zalo}" rel="noopener">${t("public-report-zalo")}</a>` : ""}</p>
<p class="muted">${t("public-what-is-public")}</p></footer>
${o.map ? html`<script src="${asset("leaflet.js")}"></script><script src="${asset("reports.js")}"></script>` : ""}
</body></html>`.value;
}
