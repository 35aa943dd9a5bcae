import { InlineKeyboard } from "grammy";
import type { Account } from "../../models/account.js";
import type { Ticket } from "../../models/ticket.js";
import { mayFollowUp, notFixedKind } from "../../services/tickets/resident-follow-up.js";
import type { TransitionRefusal } from "../../services/tickets/transition.js";

type Translate = (key: string, args?: Record<string, string | number>) => string;

/**
 * What a reporter may do next with their ticket, as buttons under /ticket: add evidence while it
 * is open; rate and say "not fixed" after a closing, within their windows. The data carries only
 * the ticket's id and a code: every press is authorized again on the server.
 */
export function followUpButtons(t: Translate, account: Account, ticket: Ticket, now: Date): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  if (!mayFollowUp(account, ticket, "add_evidence", now)) keyboard.text(t("button-add-evidence"), `ad:${ticket.id}`).row();
  if (!mayFollowUp(account, ticket, "rate", now)) keyboard.text(t("button-satisfied"), `rt:${ticket.id}:y`).text(t("button-not-satisfied"), `rt:${ticket.id}:n`).row();
  if (!mayFollowUp(account, ticket, notFixedKind(ticket), now)) keyboard.text(t("button-not-fixed"), `nf:${ticket.id}`).row();
  return keyboard.inline_keyboard.flat().length ? keyboard : undefined;
}

/**
 * The resident's explanation of a refused follow-up. Someone else's ticket answers like a
 * missing one, so forged data learns nothing.
 */
export function followUpRefusalText(t: Translate, reason: TransitionRefusal, kind: "rate" | "not_fixed" | "add", number = ""): string {
  switch (reason) {
    case "too_late":
      return t(`followup-too-late-${kind === "rate" ? "rate" : "not-fixed"}`, { number });
    case "invalid_state":
      return t(`followup-invalid-state-${kind}`, { number });
    case "stale":
      return t("followup-stale");
    case "reopen_limit":
      return t("followup-already-escalated", { number });
    default:
      return t("followup-not-yours");
  }
}
