import { label } from "../services/text/labels.js";
import { html, type Html } from "../console/html.js";
import { changeText, publicDescription } from "../services/publication/public-texts.js";
import type { PublicTicket } from "../services/publication/publication-rule.js";
import { nextDeadline } from "../services/tickets/deadlines.js";
import { STATE_COLOURS } from "../console/map/map-data.js";
import { formatDate } from "../services/text/format.js";
import type { Reader } from "./layout.js";
import { stateBadge } from "./list-page.js";

/** One report's page: what the rule lets out, its public history, its published photos; readable without a script. */
export function reportBody(r: Reader, p: PublicTicket, wardName: (code: string) => string | undefined): Html {
  const { t } = r;
  const when = (d: Date | undefined) => (d ? formatDate(d, r.locale) : "—");
  const due = p.open ? nextDeadline(p) : undefined;
  const point = p.position;
  return html`<p class="lead">${stateBadge(r, p.state)} ${publicDescription(p, t)}</p>
    <dl class="facts">
      <dt>${t("public-filter-type")}</dt><dd>${label(t, "type", p.type)}</dd>
      <dt>${t("public-filter-ward")}</dt><dd>${wardName(p.wardCode) ?? p.wardCode}</dd>
      ${p.venueName ? html`<dt>${t("public-venue")}</dt><dd>${p.venueName}</dd>` : ""}
      <dt>${t("public-opened")}</dt><dd>${when(p.openedAt)}</dd>
      <dt>${t("public-acknowledged")}</dt><dd>${when(p.acknowledgedAt)}</dd>
      ${p.open ? html`<dt>${t("public-due")}</dt><dd>${when(due)}</dd>` : html`<dt>${t("public-closed")}</dt><dd>${when(p.closedAt)}</dd>`}
      <dt>${t("public-position")}</dt><dd>${point ? t(point.registered ? "public-position-venue" : "public-position-rounded") : t("public-position-none")}</dd>
    </dl>
    ${point ? html`<div id="map" class="map small" data-point="${point.lat},${point.lng}" data-colour="${STATE_COLOURS[p.state]}" role="img" aria-label="${t("public-position")}"></div>` : ""}
    ${p.photos.length ? html`<section><h2>${t("public-photos")}</h2><div class="photos">${p.photos.map((id) => html`<img src="${r.href(`/photos/${id}.jpg`)}" alt="${t("public-photo-alt", { number: p.number })}" loading="lazy">`)}</div></section>` : ""}
    <section><h2>${t("public-history")}</h2><ol class="history">${p.changes.map((c) => html`<li><time>${formatDate(c.at, r.locale)}</time> ${changeText(c, t, wardName)}</li>`)}</ol></section>
    <p><a href="${r.href("")}">${t("public-back")}</a></p>`;
}
