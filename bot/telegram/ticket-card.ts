import { InlineKeyboard } from "grammy";
import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import type { Venue } from "../../models/venue.js";
import { vietnamTime } from "../../services/text/format.js";
import { codeOwner } from "../../services/registry/code-owner.js";
import { placeName } from "../../services/routing/ward-ref.js";
import { nextDeadline } from "../../services/tickets/deadlines.js";
import { buttonsOf, STATES } from "../../models/ticket-states.js";
import { scanHistory, type ScanHistory } from "../../services/registry/scan-history.js";
import { label } from "../../services/text/labels.js";
import { mapUrl } from "../../services/text/map-link.js";
import { vietnamDay } from "../../services/text/vietnam-day.js";
import { possibleDuplicates, type PossibleDuplicate } from "../../services/tickets/possible-duplicates.js";
import { inspectionLines } from "./inspection-card.js";
import { publishPhotoButton } from "./publish-button.js";
import { duplicateLines, samePosterButtons } from "./same-poster-card.js";

export type Translate = (key: string, args?: Record<string, string | number>) => string;

const HOUR = 3600e3;

/** What a card names instead of codes: the ward, and the registered venue of the ticket's code (whose code it is). */
export interface CardNames {
  venue?: Pick<Venue, "name" | "address" | "location"> & Partial<Pick<Venue, "code" | "category" | "status">>;
  ward?: string;
  /** Inspection tickets: the venue's check-ins. */
  scans?: ScanHistory;
  /** Staff who took a step on the ticket: account id → name. */
  actors?: Record<string, string>;
  /** Open tickets of the ward that look like the same poster (issue 24). */
  duplicates?: PossibleDuplicate[];
}

/** Steps staff took on a card, each with who took it. */
const STEPS = ["acknowledge", "start_inspection", "close", "close_duplicate", "record_finding", "enforce", "return_to_ward"];

/** Who took each staff step so far, oldest first: "Tiếp nhận: Nguyễn Văn An, 08:15 05/12". */
function stepLines(t: Ticket, tr: Translate, actors: Record<string, string>): string[] {
  return t.history
    .filter((h) => STEPS.includes(h.action) && h.actorId)
    .map((h) => tr("card-step", { action: label(tr, "event", h.action), who: actors[h.actorId!] ?? label(tr, "role", h.actorRole), at: vietnamTime(new Date(h.at)) }));
}

/**
 * The card of a ticket as officers see it: never the reporter's identity (groups see
 * "resident #n" at most), the buttons the state table gives its state.
 */
export function renderCard(t: Ticket, tr: Translate, now: Date, names: CardNames = {}): { text: string; keyboard: InlineKeyboard } {
  const opened = new Date(t.openedAt);
  const owner = codeOwner(t.verdict, names.venue, t.location ?? undefined);
  const due = STATES[t.state].open ? nextDeadline(t) : undefined;
  const report = [
    tr("card-verdict", { verdict: label(tr, "verdict", t.verdict) }),
    tr("card-venue", { venue: names.venue?.name ?? t.venueCode ?? "—" }),
    owner ? tr(owner.distanceM === undefined ? "card-code-owner" : "card-code-owner-far", { venue: owner.name, address: owner.address, distance: owner.distanceM ?? 0 }) : "",
    // Without an address the line would say nothing ("Địa chỉ: —"): the map button shows the place.
    t.address ? tr("card-address", { address: t.address }) : "",
  ];
  const lines = [
    tr("card-title", { number: t.number, state: label(tr, "state", t.state) }),
    tr("card-ward", { ward: names.ward ?? t.wardCode }),
    tr("card-type", { type: label(tr, "type", t.violationType) }),
    ...(t.source === "inspection" ? inspectionLines(t, tr, names.venue, names.scans) : report),
    t.source === "inspection" && t.reports.length === 0 ? "" : tr("card-reports", { count: t.reports.filter((r) => !r.withdrawnAt).length }),
    ...additionLines(t, tr),
    ...stepLines(t, tr, names.actors ?? {}),
    ...duplicateLines(names.duplicates, tr),
    tr("card-age", { hours: Math.max(0, Math.floor((now.getTime() - opened.getTime()) / HOUR)) }),
    due ? tr("card-deadline", { at: vietnamTime(new Date(due)) }) : "",
  ].filter(Boolean);
  const keyboard = new InlineKeyboard();
  for (const code of buttonsOf(t.state, t.source)) keyboard.text(tr(`btn-${code}`), `tk:${t.id}:${code}`).row();
  publishPhotoButton(t, tr, keyboard);
  samePosterButtons(keyboard, t, names.duplicates, tr);
  // The place as a button in words, never a raw address of a map site in the text.
  if (t.location) keyboard.url(tr("card-map"), mapUrl(t.location));
  return { text: lines.join("\n"), keyboard };
}

/** What reporters added after submitting (issue 17): the count, and why it was reopened or their latest note. */
function additionLines(t: Ticket, tr: Translate): string[] {
  const added = t.additions ?? [];
  if (added.length === 0) return [];
  const count = tr("card-additions", { photos: added.reduce((n, a) => n + a.evidenceIds.length, 0), notes: added.filter((a) => a.note).length });
  const last = added.at(-1)!;
  const reopens = added.filter((a) => a.kind === "reopen").length;
  if (t.state === "reopened") return [count, tr("card-reopened", { n: reopens, note: last.note || "—" })];
  return last.note ? [count, tr("card-addition-note", { note: last.note })] : [count];
}

/** The venue's and ward's names for a card, from the registry and the ward directory; an inspection's scan history as of `now`. */
export async function cardNames(stores: Pick<Stores, "venues" | "wards" | "activity" | "tickets" | "accounts">, t: Ticket, now: Date): Promise<CardNames> {
  const inspection = t.source === "inspection" && t.venueCode;
  const staffIds = [...new Set(t.history.filter((h) => STEPS.includes(h.action) && h.actorId).map((h) => h.actorId!))];
  const [venue, ward, activity, duplicates, staff] = await Promise.all([
    t.venueCode ? stores.venues.byCode(t.venueCode) : undefined,
    stores.wards.byCode(t.wardCode),
    inspection ? stores.activity.ofVenue(t.venueCode!, SCAN_RECORDS) : undefined,
    possibleDuplicates(stores, t, now),
    Promise.all(staffIds.map((id) => stores.accounts.byId(id))),
  ]);
  const scans = activity ? scanHistory(activity, vietnamDay(now)) : undefined;
  const actors = Object.fromEntries(staff.flatMap((a) => (a?.displayName ? [[a.id, a.displayName]] : [])));
  return { venue: venue ?? undefined, ward: ward ? placeName(ward) : undefined, scans, duplicates, actors };
}

/** A month of daily records and the summary record cover what the card shows. */
const SCAN_RECORDS = 40;
