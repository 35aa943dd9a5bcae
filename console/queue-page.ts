import type { FastifyInstance } from "fastify";
import { formatDate } from "../services/text/format.js";
import type { QueueTicket } from "../models/ticket.js";
import { TICKET_TYPES } from "../models/ticket.js";
import type { WardRef } from "../services/routing/ward-ref.js";
import { fullName } from "../services/routing/ward-ref.js";
import { TICKET_VERDICTS } from "../services/tickets/ticket-query.js";
import { ACTIONS, TICKET_STATES } from "../models/ticket-states.js";
import type { ConsoleContext, ConsolePage, Translate, Viewer } from "./context.js";
import { html, type Html } from "./html.js";
import { filterQueryString, PAGE_SIZE, ticketQueryOf, type ParsedTicketQuery } from "./ticket-filter.js";
import { currentDeadline, stateBadge, wardLabel } from "./ticket-labels.js";
import { label } from "../services/text/labels.js";

const SORTABLE = [
  ["number", "console-col-number"],
  ["openedAt", "console-col-opened"],
  ["wardCode", "console-col-ward"],
  ["violationType", "console-col-type"],
  ["state", "console-col-state"],
  ["closeBy", "console-col-deadline"],
] as const;

function select(name: string, label: string, t: Translate, options: readonly (readonly [string, string])[], chosen: string[]): Html {
  return html`<label>${label}<select name="${name}"${chosen.length > 1 ? html` multiple` : ""}><option value="">${t("console-filter-any")}</option>${options.map(([v, text]) => html`<option value="${v}"${chosen.includes(v) ? html` selected` : ""}>${text}</option>`)}</select></label>`;
}

/** The ticket filter's form; the map (views) shows the same one, submitting to its own page. */
export function filterForm(t: Translate, q: ParsedTicketQuery, wards: WardRef[], path = "/console/queue"): Html {
  const v = q.values;
  // On a phone the form folds under one button that says how many conditions are set, so the
  // tickets, not eight fields, fill the first screen (console.css shows the button there only).
  const set = v.states.length + v.types.length + v.wards.length + v.verdicts.length + (v.from ? 1 : 0) + (v.to ? 1 : 0) + (v.overdue ? 1 : 0);
  return html`<input type="checkbox" id="filters-toggle" class="fold-toggle"><label for="filters-toggle" class="fold-button filters-button">${t("console-filters-toggle")}${set ? html` · ${t("console-filters-set", { count: set })}` : ""}</label>
  <form class="card filters foldable" method="get" action="${path}">
    ${select("state", t("console-filter-state"), t, TICKET_STATES.map((s) => [s, label(t, "state", s)] as const), v.states)}
    ${select("type", t("console-filter-type"), t, TICKET_TYPES.map((s) => [s, label(t, "type", s)] as const), v.types)}
    ${wards.length > 1 ? select("ward", t("console-filter-ward"), t, wards.map((w) => [w.code, fullName(w)] as const), v.wards) : ""}
    ${select("verdict", t("console-filter-verdict"), t, TICKET_VERDICTS.map((s) => [s, label(t, "verdict", s)] as const), v.verdicts)}
    <label>${t("console-filter-from")}<input type="date" name="from" value="${v.from}"></label>
    <label>${t("console-filter-to")}<input type="date" name="to" value="${v.to}"></label>
    <label class="check"><input type="checkbox" name="overdue" value="1"${v.overdue ? html` checked` : ""}>${t("console-filter-overdue")}</label>
    <button type="submit" class="primary">${t("console-filter-apply")}</button>
    <a class="button" href="${path}">${t("console-filter-clear")}</a>
    <a class="button" href="/console/queue.csv?${filterQueryString(q)}" download>${t("console-export-csv")}</a>
  </form>`;
}

function header(t: Translate, q: ParsedTicketQuery): Html {
  return html`<tr><th><input type="checkbox" id="select-all" aria-label="${t("console-select-all")}"></th>${SORTABLE.map(([field, key]) => {
    const current = q.sort.field === field;
    const next = current && q.sort.dir === 1 ? `-${field}` : field;
    return html`<th><a href="/console/queue?${filterQueryString(q, { sort: next })}"${current ? html` aria-sort="${q.sort.dir === 1 ? "ascending" : "descending"}"` : ""}>${t(key)}${current ? (q.sort.dir === 1 ? " ▲" : " ▼") : ""}</a></th>`;
  })}<th>${t("console-col-verdict")}</th><th class="num">${t("console-col-reports")}</th><th>${t("console-col-place")}</th></tr>`;
}

function row(c: ConsoleContext, v: Viewer, tk: QueueTicket, now: Date, venues: Map<string, string>): Html {
  const { t, locale } = v;
  const due = currentDeadline(tk, now);
  return html`<tr>
    <td class="pick"><input type="checkbox" name="id" value="${tk.id}" aria-label="${tk.number}"></td>
    <td class="number"><a href="/console/tickets/${encodeURIComponent(tk.number)}">${tk.number}</a></td>
    <td data-label="${t("console-col-opened")}">${formatDate(tk.openedAt, locale)}</td>
    <td data-label="${t("console-col-ward")}">${wardLabel(c.deps.directory, tk.wardCode)}</td>
    <td data-label="${t("console-col-type")}">${label(t, "type", tk.violationType)}</td>
    <td data-label="${t("console-col-state")}">${stateBadge(t, tk.state)}</td>
    <td data-label="${t("console-col-deadline")}">${due.at ? html`<span class="${due.overdue ? "overdue" : ""}">${formatDate(due.at, locale)}${due.overdue ? html` · ${t("console-overdue")}` : ""}</span>` : "—"}</td>
    <td data-label="${t("console-col-verdict")}">${label(t, "verdict", tk.verdict)}</td>
    <td class="num" data-label="${t("console-col-reports")}">${tk.reports.filter((r) => !r.withdrawnAt).length}</td>
    <td data-label="${t("console-col-place")}">${tk.venueCode ? (venues.get(tk.venueCode) ?? tk.venueCode) : ""}${tk.venueCode && tk.address ? " · " : ""}${tk.address ?? ""}</td>
  </tr>`;
}

/** The bulk actions this viewer's role may take at all (each ticket is still checked on its own). */
function bulkForm(v: Viewer, wards: WardRef[], back: string): Html {
  const { t, account } = v;
  const may = (kind: keyof typeof ACTIONS) => ACTIONS[kind].roles.includes(account.role);
  if (!may("acknowledge") && !may("transfer") && !may("close_duplicate")) return html``;
  return html`<div class="card toolbar" role="group" aria-label="${t("console-bulk-title")}">
    <input type="hidden" name="_csrf" value="${v.session.csrf}"><input type="hidden" name="back" value="${back}">
    <strong>${t("console-bulk-title")}</strong>
    ${may("acknowledge") ? html`<button type="submit" name="action" value="acknowledge" class="primary">${t("console-bulk-acknowledge")}</button>` : ""}
    ${may("transfer") ? html`<label>${t("console-bulk-transfer")}<select name="ward"><option value="">${t("console-choose-ward")}</option>${wards.map((w) => html`<option value="${w.code}">${fullName(w)}</option>`)}</select></label><button type="submit" name="action" value="transfer">${t("console-bulk-transfer")}</button>` : ""}
    ${may("close_duplicate") ? html`<label>${t("console-bulk-duplicate")}<input name="original" size="16" maxlength="40"></label><button type="submit" name="action" value="duplicate">${t("console-bulk-duplicate")}</button>` : ""}
  </div>`;
}

/** GET /queue: the viewer's tickets, filtered, sorted and paged, with bulk actions. */
export const queuePage: ConsolePage = (app: FastifyInstance, c: ConsoleContext) => {
  app.get("/queue", async (request, reply) => {
    const { viewer, wards, query } = ticketQueryOf(c, request);
    const { t } = viewer;
    const now = c.deps.clock();
    const { tickets, total } = await c.deps.stores.tickets.matching(query.where(now), query.sort, { skip: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const venues = await c.deps.stores.venues.namesOf(tickets.flatMap((tk) => (tk.venueCode ? [tk.venueCode] : [])));
    const link = (page: number) => `/console/queue?${filterQueryString(query, { page })}`;
    // Transfer targets: the wards of the viewer's province (an officer's own ward is no target).
    const province = viewer.account.provinceCode ?? (viewer.account.wardCode ? c.deps.directory.byCode(viewer.account.wardCode)?.provinceCode : undefined);
    const targets = province ? c.deps.directory.inProvince(province).filter((w) => w.code !== viewer.account.wardCode) : wards;
    const body = html`
      ${query.notices.map((n) => html`<p class="card notice">${t(n.key, n.vars)}</p>`)}
      ${filterForm(t, query, wards)}
      <p class="muted">${t("console-queue-count", { total, page: query.page, pages })}</p>
      <form method="post" action="/console/queue/bulk">
        ${bulkForm(viewer, targets, filterQueryString(query, { page: query.page }))}
        ${tickets.length === 0 ? html`<p class="card">${t("console-queue-empty")}</p>` : html`<table id="queue"><thead>${header(t, query)}</thead><tbody>${tickets.map((tk) => row(c, viewer, tk, now, venues))}</tbody></table>`}
      </form>
      <div class="pager">${query.page > 1 ? html`<a href="${link(query.page - 1)}">${t("console-page-prev")}</a>` : ""}${query.page < pages ? html`<a href="${link(query.page + 1)}">${t("console-page-next")}</a>` : ""}</div>`;
    return c.page(reply, viewer, { title: t("console-queue-title"), active: "queue", body, scripts: ["queue.js"] });
  });
};
