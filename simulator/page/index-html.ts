/** One chat of a persona, as the page lists it. */
export interface PageChat {
  key: string;
  title: string;
  kind: "private" | "group" | "zalo";
}

export interface PageModel {
  locale: "vi" | "en";
  t: (key: string) => string;
  personas: { id: string; name: string; role: string; channel: string; chats: PageChat[] }[];
  /** Texts the script shows, from the locale files. */
  texts: Record<string, string>;
  photos: { key: string; title: string; megapixels: number }[];
  mapTileUrl: string | undefined;
  /** Proves a request to the page's API came from this page (sent back as x-sim-token). */
  token: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> element: "</script>" in a text must not end it. */
const json = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
const initials = (name: string) => name.split(" ").slice(-2).map((w) => w[0]).join("");

/** The simulator's page, rendered on the server; app.js brings it to life. */
export function renderPage(m: PageModel): string {
  const t = (k: string) => esc(m.t(k));
  const personas = m.personas
    .map(
      (p) => `<button class="persona" data-persona="${esc(p.id)}" type="button">
        <span class="avatar ${p.channel}">${esc(initials(p.name))}</span>
        <span class="who"><strong>${esc(p.name)}</strong><small>${esc(p.role)}</small></span>
        <span class="badge ${p.channel}">${p.channel === "zalo" ? "Zalo" : "Telegram"}</span>
      </button>`,
    )
    .join("\n");
  const photos = m.photos
    .map((g) => `<button class="photo" type="button" data-photo="${esc(g.key)}"><img src="/sim/api/gallery/${esc(g.key)}" alt="" loading="lazy"><span>${esc(g.title)}</span></button>`)
    .join("\n");
  return `<!doctype html>
<html lang="${m.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("sim-title")}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 32 32%22%3E%3Crect width=%2232%22 height=%2232%22 rx=%228%22 fill=%22%23c8102e%22/%3E%3C/svg%3E">
<link rel="stylesheet" href="/sim/assets/leaflet.css">
<link rel="stylesheet" href="/sim/assets/style.css">
</head>
<body>
<header class="top">
  <div class="brand"><span class="logo">QR</span><div><h1>${t("sim-title")}</h1><p>${t("sim-subtitle")}</p></div></div>
  <nav>
    <a class="lang" href="/?lang=${m.locale === "vi" ? "en" : "vi"}">${t("sim-lang-switch")}</a>
    <button id="reset" class="ghost" type="button">↺ ${t("sim-reset")}</button>
  </nav>
</header>
<main>
  <aside class="personas"><h2>${t("sim-personas")}</h2>${personas}</aside>
  <section id="phones" class="phones"></section>
</main>
<template id="phone-template">
  <div class="phone">
    <div class="bar"><span class="avatar small"></span><div><strong class="title"></strong><small class="status"></small></div></div>
    <div class="messages" role="log" aria-live="polite"></div>
    <div class="keyboard"></div>
    <form class="composer">
      <div class="attach-menu" role="menu" hidden>
        <button type="button" role="menuitem" data-pick="photo"><span aria-hidden="true">🖼️</span><span>${t("sim-menu-photo")}</span></button>
        <button type="button" role="menuitem" data-pick="location"><span aria-hidden="true">📍</span><span>${t("sim-menu-location")}</span></button>
      </div>
      <button type="button" class="icon plus" title="${t("sim-more")}" aria-label="${t("sim-more")}" aria-haspopup="menu" aria-expanded="false"><svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M12 7.5v9M7.5 12h9" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg></button>
      <button type="button" class="icon attach" title="${t("sim-attach")}" aria-label="${t("sim-attach")}"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg></button>
      <button type="button" class="icon locate" title="${t("sim-location")}" aria-label="${t("sim-location")}"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 21s-6.5-6.2-6.5-11a6.5 6.5 0 0 1 13 0c0 4.8-6.5 11-6.5 11z" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="12" cy="10" r="2.3" fill="currentColor"/></svg></button>
      <input name="text" autocomplete="off" placeholder="${t("sim-placeholder")}">
      <button type="submit" class="send" aria-label="${t("sim-send")}"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5l2.5 8.5zM5.5 12H13" fill="currentColor" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/></svg></button>
    </form>
  </div>
</template>
<dialog id="gallery">
  <form method="dialog" class="dialog-head"><h3>${t("sim-gallery")}</h3><button class="ghost" aria-label="${t("sim-map-cancel")}">✕</button></form>
  <div class="photos">${photos}</div>
  <label class="disk">${t("sim-from-disk")}<input type="file" id="disk-file"></label>
</dialog>
<dialog id="map-dialog">
  <form method="dialog" class="dialog-head"><h3>${t("sim-map-title")}</h3><button class="ghost" aria-label="${t("sim-map-cancel")}">✕</button></form>
  <div id="map"></div>
  <div class="map-foot"><span id="ward-under">${t("sim-map-hint")}</span><button id="send-location" type="button" disabled>${t("sim-map-send")}</button></div>
</dialog>
<div id="toast" role="status"></div>
<script type="application/json" id="sim-data">${json({ texts: m.texts, personas: m.personas, mapTileUrl: m.mapTileUrl ?? null, token: m.token })}</script>
<script src="/sim/assets/leaflet.js"></script>
<script src="/sim/assets/map.js"></script>
<script src="/sim/assets/app.js"></script>
</body>
</html>`;
}
