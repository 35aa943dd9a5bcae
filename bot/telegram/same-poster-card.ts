import type { InlineKeyboard } from "grammy";
import type { Ticket } from "../../models/ticket.js";
import type { PossibleDuplicate } from "../../services/tickets/possible-duplicates.js";
import { isOpen } from "../../models/ticket-states.js";
import type { Translate } from "./ticket-card.js";

/** A split button per report, for at most this many reports (a card's keyboard stays short). */
const MAX_SPLIT_BUTTONS = 5;

/** Callback data: join = close the newer as a duplicate of the older; split = report index at the card's version. */
export const JOIN_DATA = /^dj:([0-9a-f]{24}):([A-Z0-9-]{1,40})$/;
export const SPLIT_DATA = /^sp:([0-9a-f]{24}):(\d{1,3}):v(\d{1,9})$/;

/** "Possible duplicates" on the ward's card (issue 24): the tickets the merge rule kept apart that look like this poster. */
export function duplicateLines(dups: readonly PossibleDuplicate[] | undefined, tr: Translate): string[] {
  if (!dups?.length) return [];
  const items = dups.map((d) => tr(d.sameVenue ? "card-duplicate-venue" : "card-duplicate-near", { number: d.number, distance: d.distanceM ?? "—" }));
  return [tr("card-duplicates", { list: items.join("; ") })];
}

/** One button per suggestion to join the pair, and one per report to split it out of a ticket with several. */
export function samePosterButtons(keyboard: InlineKeyboard, t: Ticket, dups: readonly PossibleDuplicate[] | undefined, tr: Translate): void {
  for (const d of dups ?? []) {
    keyboard.text(tr("btn-join-duplicate", { newer: d.join.newerNumber, older: d.join.olderNumber }), `dj:${d.join.newerId}:${d.join.olderNumber}`).row();
  }
  const live = t.reports.map((r, i) => ({ r, i })).filter(({ r }) => !r.withdrawnAt);
  if (!isOpen(t.state) || live.length < 2) return;
  for (const { i } of live.slice(0, MAX_SPLIT_BUTTONS)) keyboard.text(tr("btn-split-report", { n: i + 1 }), `sp:${t.id}:${i}:v${t.version}`).row();
}
