import type { TicketState } from "../../models/ticket.js";

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
  | { kind: "return_to_ward"; note?: string };

export type ActionKind = TicketAction["kind"];

const WORKING: TicketState[] = ["acknowledged", "inspecting"];
const OPEN: TicketState[] = ["new", "acknowledged", "inspecting"];

/**
 * The state machine of DESIGN.md: the states each action starts from. Actions that keep the
 * state (notes, messages, enforcement measures) are guarded by the ticket's version instead.
 */
export const ACTION_FROM: Record<ActionKind, readonly TicketState[]> = {
  acknowledge: ["new"],
  start_inspection: ["acknowledged"],
  close: WORKING,
  close_duplicate: OPEN,
  transfer: OPEN,
  // Contact with the reporter starts once the ward has taken the ticket on.
  message_reporter: WORKING,
  add_note: [...OPEN, "violation_confirmed"],
  enforce: ["violation_confirmed"],
  return_to_ward: ["violation_confirmed"],
};

export function targetState(action: TicketAction, from: TicketState): TicketState {
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
    case "message_reporter":
    case "add_note":
    case "enforce":
      return from;
  }
}
