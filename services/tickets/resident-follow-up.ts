import type { Account } from "../../models/account.js";
import type { deadlineRuleStore } from "../../models/deadline-rule.js";
import type { Ticket, TicketAddition } from "../../models/ticket.js";
import { dueDatesFor } from "./deadlines.js";
import { authorize, type Refusal } from "../access/authorize.js";
import { ACTIONS, isOpen, type TicketAction, type TicketState } from "../../models/ticket-states.js";

/**
 * What a reporter may do after submitting (issue 17): rate a closing, say "not fixed", add
 * evidence. The state table says from which states; this file adds the time windows, the
 * reopen limit and the fields each action sets, for the one transition to apply.
 */
export const RATE_DAYS = 7;
export const REOPEN_DAYS = 14;
/** Residents reopen a ticket at most this often; after that, "not fixed" goes to the province's supervisors. */
export const MAX_RESIDENT_REOPENS = 2;
const DAY = 86_400_000;

export type FollowUpAction = Extract<TicketAction, { kind: "rate" | "reopen" | "escalate_reopen" | "add_evidence" }>;
export type FollowUpRefusal = "too_late" | "reopen_limit" | "forbidden";

export function isFollowUp(action: TicketAction): action is FollowUpAction {
  return action.kind === "rate" || action.kind === "reopen" || action.kind === "escalate_reopen" || action.kind === "add_evidence";
}

/** When the ticket last closed: the last event that took it from an open state to a closed one. */
export function closedAt(t: Pick<Ticket, "history">): Date | undefined {
  const e = t.history.findLast((h) => h.from && h.to && isOpen(h.from as TicketState) && !isOpen(h.to as TicketState));
  return e ? new Date(e.at) : undefined;
}

/** How often residents have reopened the ticket. */
export const residentReopens = (t: Pick<Ticket, "history">): number => t.history.filter((h) => h.action === "reopen").length;

/** Why this reporter can no longer do this at `at` (not their report, window passed, reopen limit), else undefined. */
export function followUpRefusal(t: Pick<Ticket, "history" | "reports">, kind: FollowUpAction["kind"], accountId: string, at: Date): FollowUpRefusal | undefined {
  if (!t.reports.some((r) => r.accountId === accountId && !r.withdrawnAt)) return "forbidden";
  if (kind === "add_evidence") return undefined;
  const closed = closedAt(t);
  const days = kind === "rate" ? RATE_DAYS : REOPEN_DAYS;
  if (!closed || at.getTime() - closed.getTime() > days * DAY) return "too_late";
  if (kind === "reopen" && residentReopens(t) >= MAX_RESIDENT_REOPENS) return "reopen_limit";
  // The supervisors hear of a closing once; pressing again does not repeat it.
  if (kind === "escalate_reopen" && t.history.some((h) => h.action === "escalate_reopen" && new Date(h.at) >= closed)) return "reopen_limit";
  return undefined;
}

/** "Not fixed" reopens the ticket until residents have done so twice; then it goes to the supervisors. */
export const notFixedKind = (t: Pick<Ticket, "history">): "reopen" | "escalate_reopen" => (residentReopens(t) >= MAX_RESIDENT_REOPENS ? "escalate_reopen" : "reopen");

/**
 * Whether a follow-up may start now, asked before the resident spends time on photos: the same
 * authorization, state table row and windows the transition checks again at the end.
 */
export function mayFollowUp(actor: Account, t: Ticket, kind: FollowUpAction["kind"], at: Date): Refusal | FollowUpRefusal | "invalid_state" | undefined {
  const refusal = authorize(actor, t, kind);
  if (refusal) return refusal;
  if (!ACTIONS[kind].from.includes(t.state)) return "invalid_state";
  return followUpRefusal(t, kind, actor.id, at);
}

type Fields = Partial<Omit<Ticket, "id">>;

/** The fields a follow-up sets, or why it is refused now. */
export async function prepareFollowUp(
  deps: { deadlineRules: Pick<ReturnType<typeof deadlineRuleStore>, "all"> },
  ticket: Ticket,
  action: FollowUpAction,
  actor: Pick<Account, "id" | "channel">,
  at: Date,
): Promise<{ set: Fields } | { reason: FollowUpRefusal }> {
  const refusal = followUpRefusal(ticket, action.kind, actor.id, at);
  if (refusal) return { reason: refusal };
  const additions = ticket.additions ?? [];
  if (action.kind === "rate") {
    const closed = closedAt(ticket)!;
    const others = (ticket.ratings ?? []).filter((r) => r.accountId !== actor.id || new Date(r.closedAt).getTime() !== closed.getTime());
    const rating = { accountId: actor.id, closedAt: closed, outcome: ticket.state, satisfied: action.satisfied, reason: action.reason, at };
    return { set: { ratings: [...others, rating] } };
  }
  const addition: TicketAddition = { accountId: actor.id, channel: actor.channel, kind: action.kind === "add_evidence" ? "evidence" : action.kind, note: action.note, evidenceIds: action.evidenceIds, at };
  if (action.kind !== "reopen") return { set: { additions: [...additions, addition] } };
  // Reopened: the ward gets fresh deadlines, by the policy in force now.
  return { set: { additions: [...additions, addition], ...(await dueDatesFor(deps.deadlineRules, ticket.provinceCode, at)) } };
}

/** The history note of a follow-up: the answer and reason, or the resident's words. */
export function followUpNote(action: FollowUpAction): string | undefined {
  if (action.kind === "rate") return [action.satisfied ? "satisfied" : "not_satisfied", action.reason].filter(Boolean).join(": ");
  return action.note;
}
