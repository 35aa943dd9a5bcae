import type { Stores } from "../../models/index.js";
import type { Ticket, TicketEvent } from "../../models/ticket.js";
import { authorize } from "../access/authorize.js";
import { dueDatesFor } from "./deadlines.js";
import { openTicket } from "./open-ticket.js";
import { markPhoto } from "../publication/photo-marks.js";
import { isFollowUp, followUpNote, prepareFollowUp, type FollowUpRefusal } from "./resident-follow-up.js";
import { openSplit, prepareSplit, type SplitDeps } from "./split-report.js";
import { registryEffects, reopenEscalated, ticketTransitioned } from "./ticket-effects.js";
import { ACTIONS, appliesTo, targetState, type TicketAction, type TicketState } from "../../models/ticket-states.js";

/** The stores a transition reads and writes, and the one clock. */
export type TransitionDeps = Pick<Stores, "tickets" | "accounts" | "audit" | "claims" | "venues" | "wards" | "counters" | "outbox" | "deadlineRules" | "evidence"> & {
  clock: () => Date;
  /** Where a split report's place lies (SplitDeps); surfaces that know the ward directory pass it. */
  directory?: SplitDeps["directory"];
};

export type TransitionRefusal =
  | "not_found"
  | "forbidden"
  | "revoked"
  /** The action does not apply to the ticket's current state. */
  | "invalid_state"
  /** Someone else changed the ticket first (a concurrent press or an old card). */
  | "stale"
  /** A transfer target or duplicate original that does not exist or makes no sense. */
  | "invalid_target"
  | "no_venue"
  | "already_decided"
  /** A resident's follow-up after its window (rating 7 days, "not fixed" 14 days), or past the reopen limit. */
  | FollowUpRefusal;

export type TransitionResult =
  | { ok: true; ticket: Ticket; from: TicketState; to: TicketState; successor?: Ticket }
  | { ok: false; reason: TransitionRefusal; ticket?: Ticket };

/** What the caller last saw; a mismatch means the officer acted on an outdated card. */
export interface Expected {
  state?: TicketState;
  version?: number;
}

/**
 * The one way a ticket changes: state machine, the actor's stored role and scope, the
 * expected current state, one atomic update (of two concurrent presses exactly one
 * wins, the other gets "stale"), then the audit event and what must follow (ticket-effects:
 * reporters told, every card re-rendered, a successor's card). A refusal changes nothing.
 */
export async function transitionTicket(
  deps: TransitionDeps,
  actorId: string,
  ticketId: string,
  action: TicketAction,
  expected: Expected = {},
  attempt = 0,
): Promise<TransitionResult> {
  const [actor, ticket] = await Promise.all([deps.accounts.byId(actorId), deps.tickets.byId(ticketId)]);
  if (!ticket) return { ok: false, reason: "not_found" };
  if (!actor) return { ok: false, reason: "forbidden" };
  const refusal = authorize(actor, ticket, action.kind);
  if (refusal) return { ok: false, reason: refusal };
  const from = ticket.state as TicketState;
  if ((expected.state && expected.state !== from) || (expected.version !== undefined && expected.version !== ticket.version)) {
    return { ok: false, reason: "stale", ticket };
  }
  if (!ACTIONS[action.kind].from.includes(from) || !appliesTo(action.kind, ticket.source)) return { ok: false, reason: "invalid_state", ticket };
  const at = deps.clock();
  const prepared = isFollowUp(action) ? await prepareFollowUp(deps, ticket, action, actor, at) : await prepare(deps, ticket, action, actor.id, at);
  if ("reason" in prepared) return { ok: false, reason: prepared.reason, ticket };

  const reportsLeft = (prepared.set.reports ?? ticket.reports).filter((r) => !r.withdrawnAt).length;
  const to = targetState(action, from, reportsLeft);
  if (to === "withdrawn") prepared.set.outcome = { kind: "withdrawn" };
  const note = isFollowUp(action) ? followUpNote(action) : noteOf(action);
  const event = { at, actorId: actor.id, actorRole: actor.role, action: action.kind, from, to, note };
  // Each version of a ticket is changed once: the claim decides between concurrent presses.
  const won = await deps.claims.take(`ticket:${ticket.id}:v${ticket.version}`, at, actor.id);
  const updated = won ? await deps.tickets.transition(ticket.id, from, to, event, prepared.set, ticket.version) : undefined;
  if (!updated) {
    // Notes and messages contradict nothing: try again on the newer version rather than refuse.
    const additive = ["add_note", "message_reporter", "rate", "add_evidence", "publish_photo"].includes(action.kind);
    if (additive && attempt < 5) return transitionTicket(deps, actorId, ticketId, action, {}, attempt + 1);
    return { ok: false, reason: "stale", ticket: await deps.tickets.byId(ticket.id) };
  }

  await deps.audit.append({ ...event, subjectKind: "ticket", subjectId: ticket.id, meta: { number: ticket.number } });
  const successor =
    action.kind === "transfer" ? await openSuccessor(deps, updated, action.wardCode, event) : action.kind === "split_report" ? await openSplit(deps, ticket, action, event) : undefined;
  await registryEffects(deps, { ticket: updated, from, to, action }, actor, at);
  await ticketTransitioned(deps.outbox, { ticket: updated, from, to, action }, at);
  if (action.kind === "escalate_reopen") await reopenEscalated(deps, updated, action.note, await deps.accounts.ofProvince("supervisor", updated.provinceCode), at);
  return { ok: true, ticket: updated, from, to, successor };
}

function noteOf(action: TicketAction): string | undefined {
  switch (action.kind) {
    case "close_duplicate":
      return action.duplicateOf;
    case "transfer":
      return action.wardCode;
    case "message_reporter":
      return action.text;
    case "add_note":
      return action.note;
    case "enforce":
      return action.measure;
    case "return_to_ward":
      return action.note;
    case "publish_photo":
      return `${action.publish ? "publish" : "unpublish"} ${action.evidenceId}`;
    case "split_report":
      return `#${action.report + 1}`;
    default:
      return undefined;
  }
}

type TicketFields = Partial<Omit<Ticket, "id">>;

/** Checks the action's own arguments and builds the fields it sets. */
async function prepare(deps: TransitionDeps, ticket: Ticket, action: TicketAction, actorId: string, at: Date): Promise<{ set: TicketFields } | { reason: TransitionRefusal }> {
  switch (action.kind) {
    case "close":
      return { set: { outcome: { kind: "finding", finding: action.outcome } } };
    case "close_duplicate": {
      const original = await deps.tickets.byNumber(action.duplicateOf);
      if (!original || original.id === ticket.id || original.wardCode !== ticket.wardCode) return { reason: "invalid_target" };
      return { set: { duplicateOf: original.number, outcome: { kind: "duplicate" } } };
    }
    case "transfer": {
      const ward = await deps.wards.byCode(action.wardCode);
      // Within the ticket's province only: no role of one province acts on another's wards.
      if (!ward || ward.code === ticket.wardCode || ward.provinceCode !== ticket.provinceCode) return { reason: "invalid_target" };
      return { set: { outcome: { kind: "transferred", wardCode: ward.code } } };
    }
    case "enforce":
      if (ticket.outcome?.kind === "measure") return { reason: "already_decided" };
      if (action.measure === "suspension" && !ticket.venueCode) return { reason: "no_venue" };
      return { set: { outcome: { kind: "measure", measure: action.measure } } };
    case "record_finding":
      return { set: { outcome: { kind: "finding", finding: action.finding } } };
    case "confirm_closure": {
      const venue = ticket.venueCode ? await deps.venues.byCode(ticket.venueCode) : undefined;
      if (!venue) return { reason: "no_venue" };
      return venue.status === "closed" ? { reason: "already_decided" } : { set: {} };
    }
    case "reject_closure":
    case "return_to_ward": {
      if (ticket.outcome?.kind === "measure") return { reason: "already_decided" };
      // Reopened: the ward gets a fresh time to close it, by the policy in force now.
      const { closeBy } = await dueDatesFor(deps.deadlineRules, ticket.provinceCode, at);
      return { set: { outcome: { kind: "returned" }, closeBy } };
    }
    case "split_report":
      return prepareSplit(deps, ticket, action);
    case "withdraw": {
      const own = ticket.reports.filter((r) => r.accountId === actorId && !r.withdrawnAt);
      if (own.length === 0) return { reason: "forbidden" };
      return { set: { reports: ticket.reports.map((r) => (r.accountId === actorId && !r.withdrawnAt ? { ...r, withdrawnAt: at } : r)) } };
    }
    case "publish_photo": {
      const publicPhotos = markPhoto(ticket, action.evidenceId, action.publish, actorId, at);
      return publicPhotos ? { set: { publicPhotos } } : { reason: "invalid_target" };
    }
    default:
      return { set: {} };
  }
}

/** A transferred ticket closes as not_our_ward here and opens, with its reports, in the right ward. */
async function openSuccessor(deps: TransitionDeps, closed: Ticket, wardCode: string, event: TicketEvent): Promise<Ticket> {
  const ward = (await deps.wards.byCode(wardCode))!;
  const [first, ...rest] = closed.reports;
  const opened = { ...event, action: "transferred_in", to: "new" as const, note: closed.number };
  const successor = await openTicket(deps, {
    violationType: closed.violationType,
    wardCode: ward.code,
    provinceCode: ward.provinceCode,
    venueCode: closed.venueCode ?? undefined,
    location: closed.location ?? undefined,
    address: closed.address ?? undefined,
    verdict: closed.verdict,
    decodedText: closed.decodedText ?? undefined,
    report: first!,
    // The new ward sees everything the reporters gave, photos and notes added after the report included.
    additions: closed.additions,
    event: opened,
  }, `${closed.number}-T`);
  let latest = successor;
  for (const report of rest) latest = (await deps.tickets.attachReport(successor.id, report, { ...opened, action: "report_moved" })) ?? latest;
  await deps.audit.append({ ...opened, actorRole: event.actorRole ?? "system", subjectKind: "ticket", subjectId: successor.id, from: closed.id });
  return latest;
}
