import type { Account } from "../models/account.js";
import type { Locale } from "../services/text/i18n.js";
import { html, type Html } from "./html.js";
import type { Translate, Viewer } from "./context.js";
import { registryScope, ticketScope, venueScope } from "../services/access/authorize.js";
import { label } from "../services/text/labels.js";
import { seesArea } from "./ticket-area.js";

/**
 * The nav, in order, each entry with who may open it (the same checks its page makes), so a
 * menu never offers a page that answers "no permission".
 */
export const NAV = [
  { key: "map", path: "/console/map", may: (a: Account) => seesArea(a) || typeof registryScope(a) !== "string" },
  { key: "queue", path: "/console/queue", may: (a: Account) => typeof ticketScope(a) !== "string" },
  { key: "statistics", path: "/console/statistics", may: seesArea },
  { key: "venues", path: "/console/venues", may: (a: Account) => typeof venueScope(a) !== "string" },
] as const;
export type NavKey = (typeof NAV)[number]["key"];

interface LayoutInput {
  title: string;
  active?: NavKey;
  body: Html;
  viewer: Viewer | undefined;
  t: Translate;
  locale: Locale;
  styles?: string[];
  scripts?: string[];
  /** Said at the foot of every page (the embedded database's limit, to administrators). */
  footer?: Html;
  /** The ward or province an account acts for, by name. */
  scopeName: (a: Account) => string;
}

/** Who is signed in, the language switch and sign-out: both forms carry the session's CSRF token. */
function account(v: Viewer, t: Translate, scopeName: (a: Account) => string): Html {
  const a = v.account;
  return html`<div class="who">
    <span class="who-name">${a.displayName ?? a.id}</span>
    <span class="who-role">${label(t, "role", a.role)} · ${scopeName(a)}</span>
    <form method="post" action="/console/language"><input type="hidden" name="_csrf" value="${v.session.csrf}"><input type="hidden" name="to" value="${v.locale === "vi" ? "en" : "vi"}"><button class="link" type="submit" lang="${v.locale === "vi" ? "en" : "vi"}">${t("console-language-switch")}</button></form>
    <form method="post" action="/console/sign-out"><input type="hidden" name="_csrf" value="${v.session.csrf}"><button class="link" type="submit">${t("console-sign-out")}</button></form>
  </div>`;
}

export function layout(p: LayoutInput): Html {
  const nav = p.viewer
    ? html`<nav id="nav">${NAV.filter((n) => n.may(p.viewer!.account)).map((n) => html`<a href="${n.path}"${n.key === p.active ? html` aria-current="page"` : ""}>${p.t(`console-nav-${n.key}`)}</a>`)}</nav>`
    : "";
  return html`<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${p.viewer ? html`<meta name="csrf-token" content="${p.viewer.session.csrf}">` : ""}
<title>${p.title} · ${p.t("console-title")}</title>
<link rel="stylesheet" href="/console/assets/console.css">
${(p.styles ?? []).map((s) => html`<link rel="stylesheet" href="/console/assets/${s}">`)}
</head>
<body>
<header class="top"><a class="brand" href="/console">${p.t("console-title")}</a>${p.viewer ? html`<input type="checkbox" id="menu-toggle" class="menu-toggle"><label for="menu-toggle" class="menu-button">☰ ${p.t("console-menu")}</label><div class="menu">${nav}${account(p.viewer, p.t, p.scopeName)}</div>` : ""}</header>
<main>
<h1>${p.title}</h1>
${p.body}
</main>
${p.footer ? html`<footer class="console-footer">${p.footer}</footer>` : ""}
${(p.scripts ?? []).map((s) => html`<script src="/console/assets/${s}" defer></script>`)}
</body>
</html>`;
}
