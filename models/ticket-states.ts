import type { Role } from "./account.js";

/**
 * The ticket lifecycle in one table (DESIGN.md "Ticket lifecycle"): the states, which are open,
 * which role may take which action from which state, and the card buttons each state shows.
 * The transition, authorization, cards, summaries and residents' views all read it.
 * People read states, actions and findings in the words of the locale files (services/text/labels.ts);
 * buttons are the keys `btn-<button>`.
 */
export const TICKET_STATES = ["new", "acknowledged", "inspecting", "violation_confirmed", "no_violation", "duplicate", "withdrawn", "not_our_ward", "venue_closed", "reopened"] as const;
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
  /** Inspection tickets: what the officer found on the spot; the keeper confirms a closure. */
  | { kind: "record_finding"; finding: InspectionFinding }
  | { kind: "confirm_closure" }
  | { kind: "reject_closure" }
  // Residents close the loop (issue 17); the evidence ids are the server's, stored before the transition.
  /** Satisfied or not with how the ticket closed; one answer per reporter per closing, changeable. */
  | { kind: "rate"; satisfied: boolean; reason?: string }
  /** "Not fixed": a closed ticket goes back to its ward with new evidence. */
  | { kind: "reopen"; note: string; evidenceIds: string[] }
  /** "Not fixed" once residents have reopened it twice: the province's supervisors decide. */
  | { kind: "escalate_reopen"; note: string; evidenceIds: string[] }
  /** More photos or a note on one's own open report. */
  | { kind: "add_evidence"; note?: string; evidenceIds: string[] }
  /** An officer lets one photo of the ticket be public, or takes it back (services/publication). */
  | { kind: "publish_photo"; evidenceId: string; publish: boolean }
  /** A wrong join undone (issue 24): report `report` (its index) leaves for a ticket of its own, in `wardCode` or the ward containing its place. */
  | { kind: "split_report"; report: number; wardCode?: string };

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
  fok: { kind: "record_finding", finding: "poster_ok" },
  fmis: { kind: "record_finding", finding: "poster_missing" },
  fwr: { kind: "record_finding", finding: "poster_wrong" },
  fcl: { kind: "record_finding", finding: "venue_closed" },
  vcy: { kind: "confirm_closure" },
  vcn: { kind: "reject_closure" },
} as const satisfies Record<string, TicketAction>;
export type ButtonCode = keyof typeof BUTTONS;

interface StateRow {
  open: boolean;
  /** Officers' card buttons in this state, in order. */
  buttons: readonly ButtonCode[];
}

export const STATES: Record<TicketState, StateRow> = {
  new: { open: true, buttons: ["ack"] },
  acknowledged: { open: true, buttons: ["insp", "cv", "nv"] },
  inspecting: { open: true, buttons: ["cv", "nv"] },
  // Closed for the ward, but enforcement still decides a measure on it.
  violation_confirmed: { open: false, buttons: ["er", "ew", "es", "rw"] },
  no_violation: { open: false, buttons: [] },
  duplicate: { open: false, buttons: [] },
  withdrawn: { open: false, buttons: [] },
  not_our_ward: { open: false, buttons: [] },
  // An inspection found the venue closed: closed for the ward; the keeper confirms it in the registry.
  venue_closed: { open: false, buttons: [] },
  // A resident said "not fixed": back to the ward, acknowledged again like a new ticket.
  reopened: { open: true, buttons: ["ack"] },
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
  /** Ticket sources it applies to; every source when absent. */
  sources?: readonly TicketSource[];
}

export const ACTIONS: Record<ActionKind, ActionRow> = {
  acknowledge: { from: AWAITING_ACKNOWLEDGEMENT, roles: WARD },
  start_inspection: { from: ["acknowledged"], roles: WARD },
  close: { from: WORKING, roles: WARD, sources: ["resident"] },
  close_duplicate: { from: OPEN_STATES, roles: WARD },
  // An inspection ticket belongs to the venue's registered ward, whatever reports merged into it.
  transfer: { from: OPEN_STATES, roles: WARD, sources: ["resident"] },
  // Contact with the reporter starts once the ward has taken the ticket on (an inspection has reporters only by a merge).
  message_reporter: { from: WORKING, roles: WARD },
  add_note: { from: [...OPEN_STATES, "violation_confirmed"], roles: [...WARD, "enforcement"] },
  enforce: { from: ["violation_confirmed"], roles: ["enforcement"] },
  return_to_ward: { from: ["violation_confirmed"], roles: ["enforcement"] },
  // Once the ward has started work, the report is theirs to finish.
  withdraw: { from: ["new"], roles: ["resident"] },
  record_finding: { from: WORKING, roles: WARD, sources: ["inspection"] },
  // The keeper keeps the registry and answers to no ward, whose compliance a closed venue would raise.
  confirm_closure: { from: ["venue_closed"], roles: ["registry"], sources: ["inspection"] },
  reject_closure: { from: ["venue_closed"], roles: ["registry"], sources: ["inspection"] },
  // Residents close the loop (issue 17): the time windows and the reopen limit are checked in resident-follow-up.ts.
  rate: { from: RATEABLE, roles: ["resident"] },
  reopen: { from: RATEABLE, roles: ["resident"] },
  escalate_reopen: { from: RATEABLE, roles: ["resident"] },
  add_evidence: { from: OPEN_STATES, roles: ["resident"] },
  // A withdrawn ticket is never public, so there is nothing to publish.
  publish_photo: { from: TICKET_STATES.filter((s) => s !== "withdrawn"), roles: WARD },
  split_report: { from: OPEN_STATES, roles: WARD },
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
    case "record_finding":
      return INSPECTION_FINDINGS[action.finding].state;
    case "reject_closure":
      return "inspecting";
    case "reopen":
      return "reopened";
    case "rate":
    case "escalate_reopen":
    case "add_evidence":
    case "split_report":
    case "message_reporter":
    case "add_note":
    case "enforce":
    case "confirm_closure":
    case "publish_photo":
      return from;
  }
}

/** How a ticket ended, typed: the close finding, what it became, or enforcement's decision. */
export type TicketOutcome =
  | { kind: "finding"; finding: "violation_confirmed" | "no_violation" | InspectionFinding }
  /** The original's number is the ticket's own `duplicateOf`. */
  | { kind: "duplicate" }
  | { kind: "transferred"; wardCode: string }
  | { kind: "measure"; measure: Measure }
  | { kind: "returned" }
  | { kind: "withdrawn" };
export const OUTCOME_KINDS = ["finding", "duplicate", "transferred", "measure", "returned", "withdrawn"] as const;

/**
 * Where tickets come from: residents' reports (chat, Zalo, Open311) and the registry keeper's
 * inspection lists of venues whose code nobody scans. Both share the queue, deadlines and stats.
 */
export const TICKET_SOURCES = ["resident", "inspection"] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** What an officer finds at a silent venue, and the state each finding closes the ticket in. */
export const INSPECTION_FINDINGS = {
  poster_ok: { state: "no_violation" },
  poster_missing: { state: "violation_confirmed" },
  poster_wrong: { state: "violation_confirmed" },
  venue_closed: { state: "venue_closed" },
} as const satisfies Record<string, { state: TicketState }>;
export type InspectionFinding = keyof typeof INSPECTION_FINDINGS;
export const FINDINGS = ["violation_confirmed", "no_violation", ...Object.keys(INSPECTION_FINDINGS)] as readonly string[];

/** Inspection tickets' own card buttons, where they differ from STATES (findings instead of the close pair). */
const INSPECTION_BUTTONS: Partial<Record<TicketState, readonly ButtonCode[]>> = {
  acknowledged: ["insp", "fok", "fmis", "fwr", "fcl"],
  inspecting: ["fok", "fmis", "fwr", "fcl"],
};

/** The officers' card buttons of a ticket in a state: they depend on its source. */
export function buttonsOf(state: TicketState, source: TicketSource = "resident"): readonly ButtonCode[] {
  return (source === "inspection" ? INSPECTION_BUTTONS[state] : undefined) ?? STATES[state].buttons;
}

/** Whether an action applies to tickets of this source (the state table's `sources`). */
export function appliesTo(action: ActionKind, source: TicketSource = "resident"): boolean {
  return ACTIONS[action].sources?.includes(source) ?? true;
}
