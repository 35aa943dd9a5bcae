import { formatDate } from "../services/text/format.js";
import type { Ticket } from "../models/ticket.js";
import type { Venue } from "../models/venue.js";
import { distanceM } from "../services/routing/distance.js";
import { eventParts, label, outcomeText, reporterNumbers } from "../services/text/labels.js";
import { visibleText } from "../services/text/visible-text.js";
import { currentDeadline, stateBadge, wardLabel } from "./ticket-labels.js";
import type { ConsoleContext, Viewer } from "./context.js";
import { html, type Html } from "./html.js";

const when = (v: Viewer, d: Date | null | undefined) => (d ? formatDate(d, v.locale) : "—");

export function summarySection(c: ConsoleContext, v: Viewer, tk: Ticket, now: Date): Html {
  const { t } = v;
  const due = currentDeadline(tk, now);
  const loc = tk.location;
  const outcome = tk.outcome ? outcomeText(t, tk.outcome, tk, (code) => wardLabel(c.deps.directory, code)) : undefined;
  return html`<section class="card"><h2>${t("console-ticket-summary")}</h2><dl class="facts">
    <dt>${t("console-col-state")}</dt><dd>${stateBadge(t, tk.state)}${due.overdue ? html` <span class="overdue">${t("console-overdue")}</span>` : ""}</dd>
    <dt>${t("console-ticket-ward")}</dt><dd>${wardLabel(c.deps.directory, tk.wardCode)}</dd>
    <dt>${t("console-ticket-type")}</dt><dd>${label(t, "type", tk.violationType)}</dd>
    <dt>${t("console-ticket-opened")}</dt><dd>${when(v, tk.openedAt)}</dd>
    <dt>${t("console-ticket-acknowledge-by")}</dt><dd>${when(v, tk.acknowledgeBy)}</dd>
    <dt>${t("console-ticket-close-by")}</dt><dd>${when(v, tk.closeBy)}</dd>
    <dt>${t("console-ticket-place")}</dt><dd>${tk.address ?? "—"}</dd>
    <dt>${t("console-ticket-location")}</dt><dd>${loc ? html`<a href="/console/map?lat=${loc.lat.toFixed(6)}&amp;lng=${loc.lng.toFixed(6)}">${t("console-ticket-on-map")}</a> <span class="muted">(${loc.lat.toFixed(5)}, ${loc.lng.toFixed(5)})</span>` : "—"}</dd>
    ${tk.duplicateOf ? html`<dt>${t("console-ticket-duplicate-of")}</dt><dd><a href="/console/tickets/${encodeURIComponent(tk.duplicateOf)}">${tk.duplicateOf}</a></dd>` : ""}
    ${outcome ? html`<dt>${t("console-ticket-outcome")}</dt><dd>${outcome}</dd>` : ""}
  </dl></section>`;
}

/** What the registry said of the code, and the venue's record as stored now. */
export function registrySection(c: ConsoleContext, v: Viewer, tk: Ticket, venue: Venue | undefined): Html {
  const { t } = v;
  const far = venue?.location && tk.location ? Math.round(distanceM(venue.location, tk.location)) : undefined;
  const record = venue
    ? html`<dt>${t("console-ticket-venue")}</dt><dd><strong>${venue.name}</strong> (${venue.code})<br>${venue.address}<br>${wardLabel(c.deps.directory, venue.wardCode)} · ${label(t, "category", venue.category)}</dd>
      <dt>${t("console-ticket-venue-status")}</dt><dd>${label(t, "venueStatus", venue.status)}</dd>
      ${far !== undefined ? html`<dt>${t("console-ticket-venue-distance")}</dt><dd>${far} m</dd>` : ""}`
    : html`<dt>${t("console-ticket-venue")}</dt><dd class="muted">${t("console-ticket-venue-none")}</dd>`;
  return html`<section class="card"><h2>${t("console-ticket-registry")}</h2><dl class="facts">
    <dt>${t("console-ticket-verdict")}</dt><dd>${label(t, "verdict", tk.verdict)}</dd>
    <dt>${t("console-ticket-decoded")}</dt><dd>${tk.decodedText ? html`<details><summary>${t("console-ticket-decoded-show")}</summary><span class="hash">${visibleText(tk.decodedText)}</span></details>` : "—"}</dd>
    ${record}
  </dl></section>`;
}

/** The merged reports by "resident #n", one number per person, and the one way to their contact: an audited POST. */
export function reportsSection(v: Viewer, tk: Ticket, mayContact: boolean): Html {
  const { t } = v;
  const people = reporterNumbers(tk.reports);
  return html`<section class="card"><h2>${t("console-ticket-reports")} (${tk.reports.length})</h2><ol class="history">${tk.reports.map((r) => html`<li>
    ${t("console-report-line", { n: people.get(r.accountId) ?? 0, channel: label(t, "channel", r.channel), at: when(v, r.at) })} · ${label(t, "type", r.violationType)}
    ${r.withdrawnAt ? html` · <em>${t("console-report-withdrawn", { at: when(v, r.withdrawnAt) })}</em>` : ""}
    ${r.flags.map((f) => html` · <span class="overdue">${t(`console-report-flag-${f}`)}</span>`)}
    ${r.note ? html`<div>“${r.note}”</div>` : ""}</li>`)}</ol>
    ${mayContact ? html`<form method="post" action="/console/tickets/${encodeURIComponent(tk.number)}/contact"><input type="hidden" name="_csrf" value="${v.session.csrf}"><button type="submit">${t("console-contact-button")}</button></form>` : ""}
  </section>`;
}

export function notesSection(v: Viewer, tk: Ticket): Html {
  const notes = tk.history.filter((h) => h.action === "add_note");
  return html`<section class="card"><h2>${v.t("console-ticket-notes")}</h2>${notes.length ? html`<ul>${notes.map((h) => html`<li>${when(v, h.at)} · ${label(v.t, "role", h.actorRole ?? "system")}: ${h.note}</li>`)}</ul>` : html`<p class="muted">${v.t("console-ticket-notes-none")}</p>`}</section>`;
}

export function historySection(c: ConsoleContext, v: Viewer, tk: Ticket): Html {
  const { t } = v;
  return html`<section class="card"><h2>${t("console-ticket-history")}</h2><ol class="history">${tk.history.map((h) => {
    const e = eventParts(t, h, (code) => wardLabel(c.deps.directory, code));
    return html`<li>${t("console-history-line", { at: when(v, h.at), actor: e.actor, action: e.action })}${e.change ? html` · ${e.change}` : ""}${e.note && h.action !== "add_note" ? html` · ${e.note}` : ""}</li>`;
  })}</ol></section>`;
}
