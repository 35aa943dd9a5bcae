import type { Role } from "../../models/account.js";

/**
 * The ticket lifecycle in one table (DESIGN.md "Ticket lifecycle"): the states, which are open,
 * which role may take which action from which state, and the card buttons each state shows.
 * The transition, authorization, cards, summaries and residents' views all read it.
 * Chat labels are the locale keys `state-<state>` (both languages) and `btn-<button>`; the
 * evidence summary, a document for Vietnamese authorities, uses each state's formal name here.
 */
export const TICKET_STATES = ["new", "acknowledged", "inspecting", "violation_confirmed", "no_violation", "duplicate", "withdrawn", "not_our_ward", "reopened"] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const MEASURES = ["reminder", "warning", "suspension"] as const;
export type Measure = (typeof MEASURES)[number];

/** What someone asks to do to a ticket; only the ticket id and this travel from a client. */
export type TicketAction =
  | { kind: "acknowledge" }
  | { kind: "start_inspection" }
  | { kind: "close"; outcome: "violation_confirmed" | "no_violation" }
  | { kind: "close_duplicate"; duplicateOf: string }
  | { kind: "transfer"; wardCode: string }
  | { kind: "message_reporter"; text: string }
  | { kind: "add_note"; note: string }
  | { kind: "enforce"; measure: Measure }
  | { kind: "return_to_ward"; note?: string }
  /** A resident takes back their own report; the ticket closes when no report is left. */
  | { kind: "withdraw" }
  // Residents close the loop (issue 17); the evidence ids are the server's, stored before the transition.
  /** Satisfied or not with how the ticket closed; one answer per reporter per closing, changeable. */
  | { kind: "rate"; satisfied: boolean; reason?: string }
  /** "Not fixed": a closed ticket goes back to its ward with new evidence. */
  | { kind: "reopen"; note: string; evidenceIds: string[] }
  /** "Not fixed" once residents have reopened it twice: the province's supervisors decide. */
  | { kind: "escalate_reopen"; note: string; evidenceIds: string[] }
  /** More photos or a note on one's own open report. */
  | { kind: "add_evidence"; note?: string; evidenceIds: string[] };

export type ActionKind = TicketAction["kind"];

/** Card button code → the action it asks for; callback data is `tk:<ticket id>:<code>` and nothing else. */
export const BUTTONS = {
  ack: { kind: "acknowledge" },
  insp: { kind: "start_inspection" },
  cv: { kind: "close", outcome: "violation_confirmed" },
  nv: { kind: "close", outcome: "no_violation" },
  er: { kind: "enforce", measure: "reminder" },
  ew: { kind: "enforce", measure: "warning" },
  es: { kind: "enforce", measure: "suspension" },
  rw: { kind: "return_to_ward" },
} as const satisfies Record<string, TicketAction>;
export type ButtonCode = keyof typeof BUTTONS;

interface StateRow {
  open: boolean;
  /** Officers' card buttons in this state, in order. */
  buttons: readonly ButtonCode[];
  /** The formal Vietnamese name in documents (evidence summaries). */
  document: string;
}

export const STATES: Record<TicketState, StateRow> = {
  new: { open: true, buttons: ["ack"], document: "Mới" },
  acknowledged: { open: true, buttons: ["insp", "cv", "nv"], document: "Đã tiếp nhận" },
  inspecting: { open: true, buttons: ["cv", "nv"], document: "Đang kiểm tra" },
  // Closed for the ward, but enforcement still decides a measure on it.
  violation_confirmed: { open: false, buttons: ["er", "ew", "es", "rw"], document: "Xác nhận vi phạm" },
  no_violation: { open: false, buttons: [], document: "Không vi phạm" },
  duplicate: { open: false, buttons: [], document: "Trùng lặp" },
  withdrawn: { open: false, buttons: [], document: "Người báo rút lại" },
  not_our_ward: { open: false, buttons: [], document: "Chuyển phường/xã khác" },
  // A resident said "not fixed": back to the ward, acknowledged again like a new ticket.
  reopened: { open: true, buttons: ["ack"], document: "Người báo mở lại" },
};

export const OPEN_STATES = TICKET_STATES.filter((s) => STATES[s].open);

export function isOpen(state: TicketState): boolean {
  return STATES[state].open;
}

const WARD: readonly Role[] = ["officer", "supervisor"];
const WORKING: readonly TicketState[] = ["acknowledged", "inspecting"];
/** States whose acknowledgement deadline runs (the sweeper, /overdue, the cards). */
export const AWAITING_ACKNOWLEDGEMENT: readonly TicketState[] = ["new", "reopened"];
/** The closings a reporter may rate or call "not fixed". */
export const RATEABLE: readonly TicketState[] = ["violation_confirmed", "no_violation", "duplicate"];

interface ActionRow {
  /** States the action starts from. Actions that keep the state are guarded by the ticket's version instead. */
  from: readonly TicketState[];
  /** Roles that may take it (scope — ward, province, own report — is checked by authorize). */
  roles: readonly Role[];
}

export const ACTIONS: Record<ActionKind, ActionRow> = {
  acknowledge: { from: AWAITING_ACKNOWLEDGEMENT, roles: WARD },
  start_inspection: { from: ["acknowledged"], roles: WARD },
  close: { from: WORKING, roles: WARD },
  close_duplicate: { from: OPEN_STATES, roles: WARD },
  transfer: { from: OPEN_STATES, roles: WARD },
  // Contact with the reporter starts once the ward has taken the ticket on.
  message_reporter: { from: WORKING, roles: WARD },
  add_note: { from: [...OPEN_STATES, "violation_confirmed"], roles: [...WARD, "enforcement"] },
  enforce: { from: ["violation_confirmed"], roles: ["enforcement"] },
  return_to_ward: { from: ["violation_confirmed"], roles: ["enforcement"] },
  // Once the ward has started work, the report is theirs to finish.
  withdraw: { from: ["new"], roles: ["resident"] },
  // Residents close the loop (issue 17): the time windows and the reopen limit are checked in resident-follow-up.ts.
  rate: { from: RATEABLE, roles: ["resident"] },
  reopen: { from: RATEABLE, roles: ["resident"] },
  escalate_reopen: { from: RATEABLE, roles: ["resident"] },
  add_evidence: { from: OPEN_STATES, roles: ["resident"] },
};

/** The state an action leads to; `reportsLeft` counts the reports not withdrawn after a withdrawal. */
export function targetState(action: TicketAction, from: TicketState, reportsLeft: number): TicketState {
  switch (action.kind) {
    case "acknowledge":
      return "acknowledged";
    case "start_inspection":
      return "inspecting";
    case "close":
      return action.outcome;
    case "close_duplicate":
      return "duplicate";
    case "transfer":
      return "not_our_ward";
    case "return_to_ward":
      return "inspecting";
    case "withdraw":
      return reportsLeft === 0 ? "withdrawn" : from;
    case "reopen":
      return "reopened";
    case "rate":
    case "escalate_reopen":
    case "add_evidence":
    case "message_reporter":
    case "add_note":
    case "enforce":
      return from;
  }
}

/** How a ticket ended, typed: the close finding, what it became, or enforcement's decision. */
export type TicketOutcome =
  | { kind: "finding"; finding: "violation_confirmed" | "no_violation" }
  /** The original's number is the ticket's own `duplicateOf`. */
  | { kind: "duplicate" }
  | { kind: "transferred"; wardCode: string }
  | { kind: "measure"; measure: Measure }
  | { kind: "returned" }
  | { kind: "withdrawn" };
export const OUTCOME_KINDS = ["finding", "duplicate", "transferred", "measure", "returned", "withdrawn"] as const;
