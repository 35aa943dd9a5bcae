import type { Ticket } from "../models/ticket.js";
import { authorize } from "../services/access/authorize.js";
import { isMarked } from "../services/publication/photo-marks.js";
import { publishableEvidence } from "../services/publication/publication-rule.js";
import { ACTIONS, type TicketAction } from "../models/ticket-states.js";
import type { Viewer } from "./context.js";
import { html, type Html } from "./html.js";

/**
 * Under one photo: publish it on the public pages, or take it back. Shown to those the state
 * table lets publish, for a photo that may be public; the action goes through the one
 * transition (POST /tickets/:number/action, op publish or unpublish), which decides again.
 */
export function publishForm(v: Viewer, tk: Ticket, evidenceId: string): Html {
  if (authorize(v.account, tk, "publish_photo") || !ACTIONS.publish_photo.from.includes(tk.state) || !publishableEvidence(tk).includes(evidenceId)) return html``;
  const marked = isMarked(tk, evidenceId);
  return html`<form method="post" action="/console/tickets/${encodeURIComponent(tk.number)}/action" class="publish">
    <input type="hidden" name="_csrf" value="${v.session.csrf}"><input type="hidden" name="op" value="${marked ? "unpublish" : "publish"}"><input type="hidden" name="photo" value="${evidenceId}">
    ${marked ? html`<span class="muted">${v.t("console-photo-public")}</span> ` : ""}<button type="submit">${v.t(marked ? "btn-unpublish-photo" : "btn-publish-photo")}</button></form>`;
}

/** The action a publish form asks for; the photo id is checked against the ticket by the transition. */
export function publishAction(op: string, photo: string): TicketAction | undefined {
  if (op !== "publish" && op !== "unpublish") return undefined;
  return { kind: "publish_photo", evidenceId: photo, publish: op === "publish" };
}
