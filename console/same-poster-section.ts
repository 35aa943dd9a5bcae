import type { Ticket } from "../models/ticket.js";
import { authorize } from "../services/access/authorize.js";
import type { WardRef } from "../services/routing/ward-ref.js";
import { fullName } from "../services/routing/ward-ref.js";
import { possibleDuplicates } from "../services/tickets/possible-duplicates.js";
import type { ConsoleContext, Viewer } from "./context.js";
import { html, type Html } from "./html.js";

/**
 * The ticket page's "possible duplicates" (issue 24): open tickets of the ward the merge rule
 * kept apart that look like the same poster, each with the one form that joins the pair
 * (the newer closes as a duplicate of the older, through the ticket action route).
 */
export async function duplicatesSection(c: ConsoleContext, v: Viewer, tk: Ticket): Promise<Html> {
  const { t } = v;
  const dups = await possibleDuplicates(c.deps.stores, tk, c.deps.clock());
  const mayJoin = !authorize(v.account, tk, "close_duplicate");
  const items = dups.map((d) => html`<li><a href="/console/tickets/${encodeURIComponent(d.number)}">${d.number}</a>
    · ${t(d.sameVenue ? "console-duplicate-venue" : "console-duplicate-near", { distance: d.distanceM ?? "—" })}
    ${mayJoin ? html`<div class="actions"><form method="post" action="/console/tickets/${encodeURIComponent(d.join.newerNumber)}/action">
      <input type="hidden" name="_csrf" value="${v.session.csrf}"><input type="hidden" name="version" value="${d.join.newerVersion}">
      <input type="hidden" name="op" value="duplicate"><input type="hidden" name="original" value="${d.join.olderNumber}">
      <button type="submit">${t("console-join-duplicate", { newer: d.join.newerNumber, older: d.join.olderNumber })}</button></form></div>` : ""}</li>`);
  return html`<section class="card"><h2>${t("console-duplicates")}</h2>${items.length ? html`<ul>${items}</ul>` : html`<p class="muted">${t("console-duplicates-none")}</p>`}</section>`;
}

/** The split form: which live report leaves, and optionally for which ward (else the one containing its place). */
export function splitForm(v: Viewer, tk: Ticket, wards: readonly WardRef[], form: (op: string, inner: Html) => Html): Html | false {
  const { t } = v;
  const live = tk.reports.map((r, i) => ({ r, n: i + 1 })).filter(({ r }) => !r.withdrawnAt);
  if (live.length < 2) return false;
  return form("split", html`<select name="report" required aria-label="${t("console-split-report")}">${live.map(({ n }) => html`<option value="${n}">#${n}</option>`)}</select>
    <select name="ward" aria-label="${t("console-split-ward")}"><option value="">${t("console-split-ward")}</option>${wards.map((w) => html`<option value="${w.code}">${fullName(w)}</option>`)}</select>
    <button type="submit">${t("console-split")}</button>`);
}
