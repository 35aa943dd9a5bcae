import { CHANNELS, ROLES } from "../../models/account.js";
import { TICKET_TYPES, type Ticket, type TicketEvent } from "../../models/ticket.js";
import { VENUE_CATEGORIES, VENUE_STATUSES } from "../../models/venue.js";
import { TICKET_VERDICTS } from "../tickets/ticket-query.js";
import { ACTIONS, FINDINGS, MEASURES, TICKET_STATES, type TicketOutcome } from "../../models/ticket-states.js";

/** Any of the surfaces' translators (chat, console, documents): labels pass strings only. */
export type Translate = (key: string, vars?: Record<string, string>) => string;

/** History events that are not actions someone asks for: what the system records on its own. */
const RECORDED_EVENTS = ["opened", "report_attached", "report_moved", "transferred_in", "inspection_issued", "split_in"] as const;

/**
 * Every coded value people may read, by kind, and the locale-key prefix that names it
 * (`${prefix}${value}` in locales/vi and locales/en). Surfaces call `label` instead of
 * composing keys, so tests/services/text/labels.test.ts can walk every key in both languages.
 */
export const LABELLED = {
  state: { prefix: "state-", values: TICKET_STATES },
  type: { prefix: "type-", values: TICKET_TYPES },
  // Inspection tickets carry "not_scanned": the keeper's lists, not a decoded code.
  verdict: { prefix: "verdict-", values: [...TICKET_VERDICTS, "not_scanned"] },
  event: { prefix: "event-", values: [...RECORDED_EVENTS, ...(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[])] },
  role: { prefix: "console-role-", values: [...ROLES, "system"] },
  measure: { prefix: "measure-", values: MEASURES },
  finding: { prefix: "finding-", values: FINDINGS },
  channel: { prefix: "channel-", values: CHANNELS },
  category: { prefix: "category-", values: VENUE_CATEGORIES },
  venueStatus: { prefix: "venue-status-", values: VENUE_STATUSES },
  rating: { prefix: "rating-", values: ["satisfied", "not_satisfied"] },
} as const;
export type LabelKind = keyof typeof LABELLED;

/** A coded value in words; a value this code base does not know (stored by a later version) reads as "—" rather than as a code. */
export function label(t: Translate, kind: LabelKind, value: string | null | undefined): string {
  const { prefix, values } = LABELLED[kind];
  return value && (values as readonly string[]).includes(value) ? t(`${prefix}${value}`) : "—";
}

/** A ward by name, the code only for one gone from the directory. */
export type WardName = (code: string) => string;

/** How a ticket ended, in words: the finding, the measure, the ward it went to, the original it repeats. */
export function outcomeText(t: Translate, o: TicketOutcome, tk: Pick<Ticket, "duplicateOf">, wardName: WardName): string {
  switch (o.kind) {
    case "finding":
      return label(t, "finding", o.finding);
    case "duplicate":
      return t("outcome-duplicate", { number: tk.duplicateOf ?? "—" });
    case "transferred":
      return t("outcome-transferred", { ward: wardName(o.wardCode) });
    case "measure":
      return label(t, "measure", o.measure);
    case "returned":
      return t("outcome-returned");
    case "withdrawn":
      return label(t, "state", "withdrawn");
  }
}

/**
 * What a history event's note says, in words: the event stores codes (a measure, a ward code,
 * "not_satisfied: reason") where a person reads a measure, a ward's name, an answer.
 */
export function eventNote(t: Translate, h: Pick<TicketEvent, "action" | "note">, wardName: WardName): string | undefined {
  if (!h.note) return undefined;
  switch (h.action) {
    case "enforce":
      return label(t, "measure", h.note);
    case "transfer":
      return wardName(h.note);
    case "rate": {
      const [answer, ...reason] = h.note.split(": ");
      return [label(t, "rating", answer), ...reason].join(": ");
    }
    // The note keeps the photo's id for the audit; people read which way it went.
    case "publish_photo":
      return t(h.note.startsWith("unpublish") ? "event-note-unpublished" : "event-note-published");
    case "inspection_issued":
      return h.note === "never" ? t("event-note-never-scanned") : t("event-note-last-scan", { day: h.note });
    default:
      return h.note;
  }
}

/** One history line's parts in words: who (role), what, the state change, the note. */
export function eventParts(t: Translate, h: TicketEvent, wardName: WardName) {
  return {
    actor: label(t, "role", h.actorRole ?? "system"),
    action: label(t, "event", h.action),
    change: h.from && h.to && h.from !== h.to ? `${label(t, "state", h.from)} → ${label(t, "state", h.to)}` : undefined,
    note: h.action === "add_note" ? h.note ?? undefined : eventNote(t, h, wardName),
  };
}

/**
 * "Resident #n" numbers one per person, in the order they first reported: five reports of
 * one resident are five reports of resident #1, never residents #1 to #5.
 */
export function reporterNumbers(reports: readonly { accountId: string }[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const r of reports) if (!numbers.has(r.accountId)) numbers.set(r.accountId, numbers.size + 1);
  return numbers;
}
