import type { MapTicket } from "../../models/ticket.js";
import { TICKET_TYPES } from "../../models/ticket.js";
import type { SilentVenue } from "../../services/registry/compliance.js";
import { TICKET_STATES, type TicketState } from "../../models/ticket-states.js";
import { vietnamDay } from "../../services/text/vietnam-day.js";
import type { Translate } from "../context.js";
import { currentDeadline } from "../ticket-labels.js";
import { label } from "../../services/text/labels.js";

/** Marker colours by state: open ones warm (red while nobody took it, amber, blue), closed ones cool; colour-blind-safe hues. */
export const STATE_COLOURS: Record<TicketState, string> = {
  new: "#c0392b",
  acknowledged: "#e69f00",
  inspecting: "#0072b2",
  violation_confirmed: "#8e44ad",
  no_violation: "#009e73",
  duplicate: "#7b8794",
  withdrawn: "#9aa5b1",
  not_our_ward: "#52606d",
  venue_closed: "#3e4c59",
  // Back with the ward after a resident said "not fixed": as urgent as new.
  reopened: "#d55e00",
};

/** One ticket as the map's script reads it: number, lat, lng, state index, type index, ward code, opened day, overdue (0/1). */
export type MapRow = [string, number, number, number, number, string, string, 0 | 1];

export interface MapTickets {
  states: { key: string; label: string; colour: string }[];
  types: string[];
  wards: Record<string, string>;
  tickets: MapRow[];
  /** True when more tickets matched than the map draws (the newest are drawn). */
  capped: boolean;
}

/**
 * The map's tickets as compact rows (10,000 tickets are about 600 kB of JSON instead of
 * several MB of objects), with the labels the script shows, in the viewer's language.
 */
export function encodeMapTickets(tickets: MapTicket[], limit: number, now: Date, t: Translate, wardName: (code: string) => string): MapTickets {
  const wards: Record<string, string> = {};
  const rows = tickets.slice(0, limit).map((tk): MapRow => {
    wards[tk.wardCode] ??= wardName(tk.wardCode);
    return [
      tk.number,
      tk.location.lat,
      tk.location.lng,
      TICKET_STATES.indexOf(tk.state),
      (TICKET_TYPES as readonly string[]).indexOf(tk.violationType),
      tk.wardCode,
      vietnamDay(new Date(tk.openedAt)),
      currentDeadline(tk, now).overdue ? 1 : 0,
    ];
  });
  return {
    states: TICKET_STATES.map((key) => ({ key, label: label(t, "state", key), colour: STATE_COLOURS[key] })),
    types: TICKET_TYPES.map((v) => label(t, "type", v)),
    wards,
    tickets: rows,
    capped: tickets.length > limit,
  };
}

/** Silent venues with a place: code, name, address, lat, lng, last scan day ("" = never). */
export function encodeSilentVenues(venues: SilentVenue[]): [string, string, string, number, number, string][] {
  return venues.filter((v) => v.location).map((v) => [v.code, v.name, v.address, v.location!.lat, v.location!.lng, v.lastScanDay ?? ""]);
}
