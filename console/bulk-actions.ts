import type { FastifyInstance } from "fastify";
import { canSee } from "../services/access/authorize.js";
import { transitionTicket } from "../services/tickets/transition.js";
import type { TicketAction } from "../models/ticket-states.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, ConsolePage } from "./context.js";
import { html } from "./html.js";
import { label } from "../services/text/labels.js";

const MAX_TICKETS = 200;
const ID = /^[0-9a-f]{24}$/;

interface BulkBody {
  action?: unknown;
  id?: unknown;
  ward?: unknown;
  original?: unknown;
  back?: unknown;
}

/** The action the form asked for; only its name and its one argument come from the client. */
function actionOf(body: BulkBody): TicketAction {
  const text = (v: unknown) => String(Array.isArray(v) ? v[0] : (v ?? "")).trim().slice(0, 64);
  switch (text(body.action)) {
    case "acknowledge":
      return { kind: "acknowledge" };
    case "transfer":
      return { kind: "transfer", wardCode: text(body.ward) };
    case "duplicate":
      return { kind: "close_duplicate", duplicateOf: text(body.original).toUpperCase() };
    default:
      throw new ConsoleError(400, "console-bulk-unknown-action");
  }
}

/**
 * POST /queue/bulk: one action on many tickets, each through the one transition function
 * (its own authorization, state check, audit and effects), in turn; refusals are listed
 * with their reasons and change nothing.
 */
export const bulkActions: ConsolePage = (app: FastifyInstance, c: ConsoleContext) => {
  const deps = { ...c.deps.stores, clock: c.deps.clock };
  app.post<{ Body: BulkBody }>("/queue/bulk", async (request, reply) => {
    const viewer = c.viewer(request);
    const { t } = viewer;
    const body = request.body ?? {};
    const action = actionOf(body);
    const ids = [...new Set([body.id].flat().filter((v): v is string => typeof v === "string"))].slice(0, MAX_TICKETS);
    const back = typeof body.back === "string" && /^[\w%.=&+-]*$/.test(body.back) ? body.back : "";
    const results = [];
    for (const id of ids) {
      const r = ID.test(id) ? await transitionTicket(deps, viewer.account.id, id, action) : { ok: false as const, reason: "not_found" as const };
      // A ticket outside the viewer's scope is not named, and its refusal reads as a missing one's:
      // neither the number nor "forbidden" rather than "not found" may tell them it exists.
      const ticket = r.ticket ?? (ID.test(id) ? await c.deps.stores.tickets.byId(id) : undefined);
      const hidden = !ticket || !canSee(viewer.account, ticket);
      const number = hidden ? "—" : ticket.number;
      results.push(r.ok
        ? html`<li class="done">${t("console-bulk-done", { number: r.ticket.number, state: label(t, "state", r.to) })}${r.successor ? ` → ${r.successor.number}` : ""}</li>`
        : html`<li class="refused">${t("console-bulk-refused", { number, reason: t(hidden && (r.reason === "forbidden" || r.reason === "not_found") ? "refused-hidden" : `refused-${r.reason}`) })}</li>`);
    }
    const list = ids.length === 0 ? html`<p>${t("console-bulk-none")}</p>` : html`<ul class="outcomes">${results}</ul>`;
    return c.page(reply, viewer, {
      title: t("console-bulk-result-title"),
      active: "queue",
      body: html`<div class="card">${list}<p><a class="button primary" href="/console/queue${back ? `?${back}` : ""}">${t("console-bulk-back")}</a></p></div>`,
    });
  });
};
