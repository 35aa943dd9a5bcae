import type { Ticket, TicketEvent } from "../models/ticket.js";
import { isOpen, type TicketState } from "../services/tickets/ticket-states.js";
import { fullName, type WardRef } from "../services/routing/ward-ref.js";
import type { Value } from "./render.js";
import type { Translate } from "./texts.js";
import { label } from "../services/text/labels.js";

/** Times are shown in Vietnam's zone (no daylight saving), with the offset the spec requires. */
const VN_OFFSET_MS = 7 * 3600 * 1000;
export function isoTime(d: Date): string {
  return `${new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

export interface RecordContext {
  t: Translate;
  ward: (code: string) => WardRef | undefined;
  /** Link to the annotated preview of the ticket's first photo that has one. */
  mediaUrl: (ticket: Ticket) => string | null;
}

/**
 * What the public sees of a state change: changes of state only. Notes between officers and
 * messages to one reporter stay inside.
 */
function isPublic(e: TicketEvent): boolean {
  return Boolean(e.to) && e.from !== e.to;
}

function statusText(e: TicketEvent, c: RecordContext): string {
  const state = label(c.t, "state", e.to);
  if (e.to === "not_our_ward" && e.note) {
    const ward = c.ward(e.note);
    return c.t("open311-status-note-to", { state, target: ward ? fullName(ward) : e.note });
  }
  if (e.to === "duplicate" && e.note) return c.t("open311-status-note-to", { state, target: e.note });
  return c.t("open311-status-note", { state });
}

const statusOf = (state: string) => (isOpen(state as TicketState) ? "open" : "closed");

/** One `request` of GET requests, with every field the spec lists; reporters never appear. */
export function requestRecord(ticket: Ticket, c: RecordContext): Value {
  const lastPublic = ticket.history.filter(isPublic).at(-1);
  const ward = c.ward(ticket.wardCode);
  const updated = ticket.history.at(-1)?.at ?? ticket.openedAt;
  return {
    service_request_id: ticket.number,
    status: statusOf(ticket.state),
    status_notes: lastPublic ? statusText(lastPublic, c) : null,
    service_name: label(c.t, "type", ticket.violationType),
    service_code: ticket.violationType,
    description: ticket.reports[0]?.note ?? null,
    agency_responsible: ward ? `${fullName(ward)}, ${ward.provinceName}` : ticket.wardCode,
    service_notice: label(c.t, "verdict", ticket.verdict),
    requested_datetime: isoTime(ticket.openedAt),
    updated_datetime: isoTime(updated),
    expected_datetime: ticket.closeBy ? isoTime(ticket.closeBy) : null,
    address: ticket.address ?? null,
    address_id: null,
    zipcode: null,
    lat: ticket.location?.lat ?? null,
    long: ticket.location?.lng ?? null,
    media_url: c.mediaUrl(ticket),
  };
}

/** FixMyStreet's request_update: one per public state change inside [from, to). */
export function updateRecords(ticket: Ticket, from: Date, to: Date, c: RecordContext): Value[] {
  const out: Value[] = [];
  ticket.history.forEach((e, i) => {
    if (!isPublic(e) || e.at < from || e.at >= to) return;
    out.push({
      update_id: `${ticket.number}-${i}`,
      service_request_id: ticket.number,
      status: statusOf(e.to!),
      updated_datetime: isoTime(e.at),
      description: statusText(e, c),
      external_status_code: e.to!,
      media_url: null,
    });
  });
  return out;
}
