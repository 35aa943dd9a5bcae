import { InlineKeyboard } from "grammy";
import type { Ticket } from "../../models/ticket.js";
import type { Venue } from "../../models/venue.js";
import { codeOwner } from "../../services/registry/code-owner.js";

export type Translate = (key: string, args?: Record<string, string | number>) => string;

/** Button code → action; callback data is `tk:<ticket id>:<code>` and nothing else. */
export const BUTTONS = {
  ack: { kind: "acknowledge" },
  insp: { kind: "start_inspection" },
  cv: { kind: "close", outcome: "violation_confirmed" },
  nv: { kind: "close", outcome: "no_violation" },
  er: { kind: "enforce", measure: "reminder" },
  ew: { kind: "enforce", measure: "warning" },
  es: { kind: "enforce", measure: "suspension" },
  rw: { kind: "return_to_ward" },
} as const;
export type ButtonCode = keyof typeof BUTTONS;

const BY_STATE: Record<string, ButtonCode[]> = {
  new: ["ack"],
  acknowledged: ["insp", "cv", "nv"],
  inspecting: ["cv", "nv"],
  violation_confirmed: ["er", "ew", "es", "rw"],
};

const HOUR = 3600e3;

/** The registered venue of the ticket's code (the card names whose code it is). */
type CardVenue = Pick<Venue, "name" | "address" | "location">;
const time = (d: Date) => new Date(d).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour12: false });

/**
 * The card of a ticket as officers see it: never the reporter's identity (groups see
 * "resident #n" at most), buttons that follow the state.
 */
export function renderCard(t: Ticket, tr: Translate, now: Date, venue?: CardVenue): { text: string; keyboard: InlineKeyboard } {
  const opened = new Date(t.openedAt);
  const owner = codeOwner(t.verdict, venue, t.location ?? undefined);
  const due = t.state === "new" ? t.acknowledgeBy : t.closeBy;
  const lines = [
    tr("card-title", { number: t.number, state: tr(`state-${t.state}`) }),
    tr("card-type", { type: tr(`type-${t.violationType}`) }),
    tr("card-verdict", { verdict: tr(`verdict-${t.verdict}`) }),
    tr("card-venue", { venue: venue?.name ?? t.venueCode ?? "—" }),
    owner ? tr(owner.distanceM === undefined ? "card-code-owner" : "card-code-owner-far", { venue: owner.name, address: owner.address, distance: owner.distanceM ?? 0 }) : "",
    tr("card-address", { address: t.address ?? "—" }),
    t.location ? `https://www.openstreetmap.org/?mlat=${t.location.lat}&mlon=${t.location.lng}#map=19/${t.location.lat}/${t.location.lng}` : "",
    tr("card-reports", { count: t.reports.length }),
    tr("card-age", { hours: Math.max(0, Math.floor((now.getTime() - opened.getTime()) / HOUR)) }),
    due && t.state !== "violation_confirmed" ? tr("card-deadline", { at: time(due) }) : "",
  ].filter(Boolean);
  const keyboard = new InlineKeyboard();
  for (const code of BY_STATE[t.state] ?? []) keyboard.text(tr(`btn-${code}`), `tk:${t.id}:${code}`).row();
  return { text: lines.join("\n"), keyboard };
}
