import type { Ticket, TicketEvent, TicketType } from "../../models/ticket.js";
import type { Venue } from "../../models/venue.js";
import type { LatLng } from "../routing/ward-ref.js";
import { AWAITING_ACKNOWLEDGEMENT, isOpen, type TicketState } from "../../models/ticket-states.js";

/**
 * What of a ticket leaves the staff side (DESIGN.md "Rules that hold across surfaces"): every
 * public surface (Open311 reads and media, the /reports pages) shows a ticket only through
 * publicView, and a photo only through publishedPhoto. Staff surfaces read tickets directly.
 */

/** public: shown as stored · derived: only what the rule computes from it · never: stays with staff. */
export type Publication = "public" | "derived" | "never";

/**
 * Every stored field of a ticket and what becomes of it publicly (the README's "What is public"
 * table; tests/services/publication walks the schema, so a new field must be decided here).
 */
export const TICKET_FIELDS: Record<string, [Publication, string]> = {
  number: ["public", "the ticket's number"],
  violationType: ["public", "the type, in words"],
  state: ["public", "the state, in words"],
  wardCode: ["public", "the responsible ward, by name"],
  provinceCode: ["public", "the province, by name"],
  verdict: ["public", "what the code on the photo is, in words (part of the description)"],
  openedAt: ["public", "opened"],
  acknowledgeBy: ["public", "due date while awaiting acknowledgement"],
  closeBy: ["public", "due date to close"],
  history: ["derived", "state changes only, with their date; a transfer names the ward, a duplicate its original; never who, never a note"],
  venueCode: ["derived", "the registered venue's name and place, only when the code on the photo is that venue's own"],
  location: ["derived", "the registered venue's place, else the reported point rounded to about 100 m"],
  duplicateOf: ["derived", "the original's number, in the status note"],
  publicPhotos: ["derived", "photos an officer marked publishable, as a re-encoded preview without metadata, under an unguessable id"],
  reports: ["derived", "whether any is left: a ticket whose every report is withdrawn is not public"],
  "reports.note": ["never", "residents' free text"],
  "reports.accountId": ["never", "who reported"],
  "reports.location": ["never", "the exact point sent"],
  "reports.address": ["never", "an address typed by the resident"],
  "reports.evidenceIds": ["never", "photos, unless marked publishable (publicPhotos)"],
  "reports.channel": ["never", "which chat or system it came through"],
  "reports.violationType": ["never", "each reporter's choice (the ticket's type is public)"],
  "reports.flags": ["never", "officers' hints"],
  "reports.at": ["never", "when each resident reported"],
  "reports.decodedText": ["never", "the text of the code each report's photos showed"],
  "reports.withdrawnAt": ["derived", "a withdrawn report is not public; its photos neither"],
  source: ["never", "residents' report or inspection (inspections nobody reported are not public at all)"],
  address: ["never", "typed or sent by the resident"],
  decodedText: ["never", "the decoded code's text"],
  outcome: ["never", "the state says how it closed"],
  additions: ["never", "residents' later notes and photos (photos only when marked publishable)"],
  ratings: ["derived", "only counted, in the wards' satisfaction figures"],
  version: ["never", "internal"],
  createdAt: ["never", "internal"],
  updatedAt: ["never", "internal (the last public change's date is shown)"],
};

/** A state change as the public sees it; `target` only for a transfer (a ward code) or a duplicate (a number). */
export interface PublicChange {
  at: Date;
  to: TicketState;
  target?: { ward: string } | { ticket: string };
}

export interface PublicTicket {
  number: string;
  type: TicketType;
  state: TicketState;
  open: boolean;
  wardCode: string;
  provinceCode: string;
  verdict: string;
  venueName?: string;
  position?: LatLng & { registered: boolean };
  openedAt: Date;
  acknowledgedAt?: Date;
  closedAt?: Date;
  /** Due dates, while they run: acknowledging while awaiting it, closing while open. */
  acknowledgeBy?: Date;
  closeBy?: Date;
  /** The last public change (or the opening). */
  updatedAt: Date;
  changes: PublicChange[];
  /** Public ids of the photos shown (publishedPhoto serves them). */
  photos: string[];
}

/** A ticket is public while a resident's report of it stands: never an inspection nobody reported, never when every report is withdrawn. */
export function isPublished(t: Pick<Ticket, "reports">): boolean {
  return t.reports.some((r) => !r.withdrawnAt);
}

/** About 100 m: a thousandth of a degree (111 m north–south, about 107 m east–west in Huế), on a fixed grid so that repeats reveal nothing more. */
export function roundPosition(p: LatLng): LatLng {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { lat: r(p.lat), lng: r(p.lng) };
}

/** Verdicts under which the ticket's venue is the place reported (its own code, or the venue the resident named when the photo shows none); otherwise it names whose code it is, not where the poster hangs. */
const VENUE_IS_THE_PLACE = new Set(["official", "not_scanned", "no_code"]);

function placeVenue(t: Ticket, venue: Pick<Venue, "code" | "name" | "location"> | undefined) {
  return venue && t.venueCode === venue.code && VENUE_IS_THE_PLACE.has(t.verdict) ? venue : undefined;
}

const isChange = (e: TicketEvent) => Boolean(e.to) && e.from !== e.to;

function publicChange(e: TicketEvent): PublicChange {
  const to = e.to as TicketState;
  if (to === "not_our_ward" && e.note) return { at: e.at, to, target: { ward: e.note } };
  if (to === "duplicate" && e.note) return { at: e.at, to, target: { ticket: e.note } };
  return { at: e.at, to };
}

/** Photos that may be published: those of reports still standing and what their reporters added later. */
export function publishableEvidence(t: Pick<Ticket, "reports" | "additions">): string[] {
  const standing = t.reports.filter((r) => !r.withdrawnAt);
  const reporters = new Set(standing.map((r) => r.accountId));
  const added = (t.additions ?? []).filter((a) => reporters.has(a.accountId));
  return [...new Set([...standing, ...added].flatMap((x) => x.evidenceIds))];
}

/** The evidence behind a public photo id, when the ticket is public and the photo still may be. */
export function publishedPhoto(t: Ticket, publicId: string): string | undefined {
  if (!isPublished(t)) return undefined;
  const mark = (t.publicPhotos ?? []).find((p) => p.publicId === publicId);
  return mark && publishableEvidence(t).includes(mark.evidenceId) ? mark.evidenceId : undefined;
}

/** The public view of a ticket, or undefined when it is not public. `venue` is the registered venue of its code, when looked up. */
export function publicView(t: Ticket, venue?: Pick<Venue, "code" | "name" | "location">): PublicTicket | undefined {
  if (!isPublished(t)) return undefined;
  const place = placeVenue(t, venue);
  const changes = t.history.filter(isChange).map(publicChange);
  const open = isOpen(t.state);
  const position = place ? { ...place.location, registered: true } : t.location ? { ...roundPosition(t.location), registered: false } : undefined;
  return {
    number: t.number,
    type: t.violationType,
    state: t.state,
    open,
    wardCode: t.wardCode,
    provinceCode: t.provinceCode,
    verdict: t.verdict,
    ...(place ? { venueName: place.name } : {}),
    ...(position ? { position } : {}),
    openedAt: t.openedAt,
    acknowledgedAt: changes.find((c) => c.to === "acknowledged")?.at,
    closedAt: open ? undefined : changes.at(-1)?.at,
    acknowledgeBy: AWAITING_ACKNOWLEDGEMENT.includes(t.state) ? (t.acknowledgeBy ?? undefined) : undefined,
    closeBy: open ? (t.closeBy ?? undefined) : undefined,
    updatedAt: changes.at(-1)?.at ?? t.openedAt,
    changes,
    photos: (t.publicPhotos ?? []).filter((p) => publishableEvidence(t).includes(p.evidenceId)).map((p) => p.publicId),
  };
}
