import type { FastifyInstance } from "fastify";
import type { Ticket } from "../models/ticket.js";
import { authorize, canSee } from "../services/access/authorize.js";
import { fullName } from "../services/routing/ward-ref.js";
import { ACTIONS, appliesTo, BUTTONS, buttonsOf, type ActionKind, type ButtonCode, type TicketAction } from "../models/ticket-states.js";
import { transitionTicket, type TransitionRefusal } from "../services/tickets/transition.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage, Viewer } from "./context.js";
import { html, type Html } from "./html.js";
import { splitForm } from "./same-poster-section.js";
import { visibleTicket } from "./ticket-access.js";
import { publishAction } from "./publish-form.js";
import { label } from "../services/text/labels.js";

/** Whether the viewer's stored account may take this action on the ticket in its current state and of its source. */
const allowed = (v: Viewer, tk: Ticket, kind: ActionKind) => !authorize(v.account, tk, kind) && ACTIONS[kind].from.includes(tk.state) && appliesTo(kind, tk.source);

const REFUSALS: readonly TransitionRefusal[] = ["not_found", "forbidden", "revoked", "invalid_state", "stale", "invalid_target", "no_venue", "already_decided"];

/** The answer to the last action, carried in the redirect (only known words pass). */
export function actionNotice(v: Viewer, tk: Ticket, query: Record<string, unknown>): Html {
  const done = String(query.done ?? "");
  const refused = String(query.refused ?? "");
  if (REFUSALS.includes(refused as TransitionRefusal)) return html`<p class="card notice" role="alert">${v.t(`refused-${refused}`)}</p>`;
  if (done === "state" && tk.state === "venue_closed") return html`<p class="card notice" role="status">${v.t("staff-action-venue-closed", { number: tk.number })}</p>`;
  if (done === "state") return html`<p class="card notice" role="status">${v.t("console-action-done", { number: tk.number, state: label(v.t, "state", tk.state) })}</p>`;
  if (done === "photo") return html`<p class="card notice" role="status">${v.t("console-action-photo", { number: tk.number })}</p>`;
  if (done === "note" || done === "message") return html`<p class="card notice" role="status">${v.t(done === "note" ? "console-action-note-added" : "console-action-message-sent", { number: tk.number })}</p>`;
  return html``;
}

/** The forms for every action this viewer may take now: the card's buttons, then those with an argument. */
export function actionForms(c: ConsoleContext, v: Viewer, tk: Ticket): Html {
  const { t } = v;
  const form = (op: string, inner: Html) => html`<form method="post" action="/console/tickets/${encodeURIComponent(tk.number)}/action">
    <input type="hidden" name="_csrf" value="${v.session.csrf}"><input type="hidden" name="version" value="${tk.version}"><input type="hidden" name="op" value="${op}">${inner}</form>`;
  // The card's buttons in its order, then any other the viewer may press now (the keeper's closure confirmation).
  const codes = [...new Set([...buttonsOf(tk.state, tk.source), ...(Object.keys(BUTTONS) as ButtonCode[])])];
  const buttons = codes
    .filter((code) => allowed(v, tk, BUTTONS[code].kind))
    .map((code, i) => form(code, html`<button type="submit"${i === 0 ? html` class="primary"` : ""}>${t(`btn-${code}`)}</button>`));
  const targets = c.deps.directory.inProvince(tk.provinceCode).filter((w) => w.code !== tk.wardCode);
  const withArgs = [
    allowed(v, tk, "transfer") && form("transfer", html`<select name="ward" required aria-label="${t("console-action-transfer")}"><option value="">${t("console-choose-ward")}</option>${targets.map((w) => html`<option value="${w.code}">${fullName(w)}</option>`)}</select><button type="submit">${t("console-action-transfer")}</button>`),
    allowed(v, tk, "close_duplicate") && form("duplicate", html`<input name="original" required maxlength="40" size="18" aria-label="${t("console-action-duplicate")}" placeholder="${t("console-action-duplicate")}"><button type="submit">${t("console-action-duplicate")}</button>`),
    allowed(v, tk, "add_note") && form("note", html`<input name="text" required maxlength="1000" size="30" aria-label="${t("console-action-note")}" placeholder="${t("console-action-note")}"><button type="submit">${t("console-action-note")}</button>`),
    allowed(v, tk, "split_report") && splitForm(v, tk, c.deps.directory.inProvince(tk.provinceCode), form),
    allowed(v, tk, "message_reporter") && form("message", html`<input name="text" required maxlength="1000" size="30" aria-label="${t("console-action-message")}" placeholder="${t("console-action-message")}"><button type="submit">${t("console-action-message")}</button>`),
  ].filter((f): f is Html => !!f);
  if (buttons.length + withArgs.length === 0) return html`<p class="muted">${t("console-ticket-no-actions")}</p>`;
  return html`<div class="actions">${buttons}</div>${withArgs.length ? html`<div class="actions more">${withArgs}</div>` : ""}`;
}

interface ActionBody {
  op?: unknown;
  version?: unknown;
  ward?: unknown;
  original?: unknown;
  text?: unknown;
  photo?: unknown;
  report?: unknown;
}

function actionOf(body: ActionBody): TicketAction {
  const text = (v: unknown, max = 64) => String(Array.isArray(v) ? v[0] : (v ?? "")).trim().slice(0, max);
  const op = text(body.op);
  if (Object.hasOwn(BUTTONS, op)) return BUTTONS[op as ButtonCode];
  const publish = publishAction(op, text(body.photo));
  if (publish) return publish;
  const words = text(body.text, 1000);
  switch (op) {
    case "transfer":
      return { kind: "transfer", wardCode: text(body.ward) };
    case "duplicate":
      return { kind: "close_duplicate", duplicateOf: text(body.original).toUpperCase() };
    case "split": {
      const n = text(body.report);
      if (!/^\d{1,3}$/.test(n)) throw new ConsoleError(400, "console-error-bad-request");
      return { kind: "split_report", report: Number(n) - 1, wardCode: text(body.ward) || undefined };
    }
    case "note":
    case "message":
      if (!words) throw new ConsoleError(400, "console-error-bad-request");
      return op === "note" ? { kind: "add_note", note: words } : { kind: "message_reporter", text: words };
    default:
      throw new ConsoleError(400, "console-error-bad-request");
  }
}

/** What the redirect says was done, for actions that keep the state. */
const DONE: Partial<Record<TicketAction["kind"], string>> = { add_note: "note", message_reporter: "message", publish_photo: "photo" };

/** POST /tickets/:number/action: the one transition, as the card's buttons and the chat's commands use it. */
export const ticketActions: ConsolePage = (app: FastifyInstance, c: ConsoleContext) => {
  const deps = { ...c.deps.stores, clock: c.deps.clock, directory: c.deps.directory };
  app.post<{ Params: { number: string }; Body: ActionBody }>("/tickets/:number/action", async (request, reply) => {
    const { viewer, ticket } = await visibleTicket(c, request, request.params.number);
    const action = actionOf(request.body ?? {});
    const version = /^\d{1,9}$/.test(String(request.body?.version ?? "")) ? Number(request.body!.version) : undefined;
    // Notes and messages contradict nothing, so an older page may still add them.
    const additive = action.kind === "add_note" || action.kind === "message_reporter" || action.kind === "publish_photo";
    const r = await transitionTicket(deps, viewer.account.id, ticket.id, action, additive ? {} : { version });
    const answer = r.ok ? `done=${DONE[action.kind] ?? "state"}` : `refused=${r.reason}`;
    // A transfer leads to the receiving ward's ticket when the viewer may see it (a supervisor), else back here.
    const next = r.ok && r.successor && canSee(viewer.account, r.successor) ? r.successor.number : ticket.number;
    return reply.redirect(`/console/tickets/${encodeURIComponent(next)}?${answer}`, 303);
  });
};
