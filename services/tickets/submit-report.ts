import type { Channel } from "../../models/account.js";
import type { Stores } from "../../models/index.js";
import type { Ticket, ViolationType } from "../../models/ticket.js";
import { annotatedPreview } from "../evidence/annotated-preview.js";
import type { DecodeResult } from "../qr/decode-qr.js";
import type { Verification } from "../registry/verify-code.js";
import { placeName, wardRef, type LatLng, type WardRef } from "../routing/ward-ref.js";
import { candidatesInWard } from "./merge-candidates.js";
import { mergeTarget, placeOf } from "./merge-rule.js";
import { openTicket } from "./open-ticket.js";
import { reportAttached } from "./ticket-effects.js";
import type { TicketState } from "../../models/ticket-states.js";
import { label } from "../text/labels.js";

export interface ReportPhoto {
  bytes: Buffer;
  mime: string;
  filename?: string;
  decode?: DecodeResult;
  exif?: unknown;
}

export interface ReportSubmission {
  accountId: string;
  channel: Channel;
  violationType: ViolationType;
  ward: WardRef;
  location?: LatLng;
  address?: string;
  note?: string;
  photos: ReportPhoto[];
  decodedText?: string;
  verification?: Verification;
  flags: string[];
  /** Who passed the report on (another system's name), written into the ticket's history. */
  via?: string;
}

/** What the reporter is told, read from the ticket the report really sits in (joined or opened). */
export interface SubmitResult {
  ticketNumber: string;
  ticketId: string;
  merged: boolean;
  /** The ticket's ward, never the report's guess. */
  ward: WardRef;
  state: TicketState;
}

export type SubmitStores = Pick<Stores, "tickets" | "evidence" | "counters" | "outbox" | "deadlineRules" | "venues" | "wards">;

/**
 * Stores the evidence, then opens a ticket or attaches the report to an open one for the
 * same poster, then records what follows (ticket-effects). Evidence goes first: a ticket never
 * points at a missing photo, and a crash before the ticket leaves only unreferenced photos.
 */
export async function submitReport(stores: SubmitStores, s: ReportSubmission, now: Date): Promise<SubmitResult> {
  const evidenceIds = await storePhotos(stores, s, now);
  const report = {
    accountId: s.accountId, channel: s.channel, violationType: s.violationType, note: s.note,
    location: s.location, address: s.address, evidenceIds, flags: s.flags, at: now, decodedText: s.decodedText,
  };
  const venueCode = s.verification?.venue?.code;
  const sighting = {
    wardCode: s.ward.code, violationType: s.violationType, venueCode, codes: s.decodedText ? [s.decodedText] : [],
    place: placeOf({ location: s.location, verdict: s.verification?.verdict, venueLocation: s.verification?.venue?.location }),
  };
  const target = mergeTarget(sighting, await candidatesInWard(stores, s.ward.code, now), now);
  if (target) {
    const attached = await stores.tickets.attachReport(target.id, report, { at: now, actorId: s.accountId, actorRole: "resident", action: "report_attached", note: s.via });
    if (attached) {
      await reportAttached(stores.outbox, attached, now);
      return told(stores, attached, true, s.ward);
    }
  }
  const ticket = await openTicket(stores, {
    violationType: s.violationType,
    wardCode: s.ward.code,
    provinceCode: s.ward.provinceCode,
    venueCode,
    location: s.location,
    address: s.address,
    verdict: s.verification?.verdict ?? "no_code",
    decodedText: s.decodedText,
    report,
    event: { at: now, actorId: s.accountId, actorRole: "resident", action: "opened", to: "new", note: s.via },
  }, { provinceName: s.ward.provinceName });
  return told(stores, ticket, false, s.ward);
}

/** What every channel's answer names, from the result: the ticket's number, ward and state, as words. */
export function submittedArgs(r: SubmitResult, t: (key: string) => string): { number: string; ward: string; state: string } {
  return { number: r.ticketNumber, ward: placeName(r.ward), state: label(t, "state", r.state) };
}

/** The answer, from the ticket itself: its number, its ward (from the directory), its state. */
async function told(stores: Pick<Stores, "wards">, t: Ticket, merged: boolean, fallback: WardRef): Promise<SubmitResult> {
  const ward = await stores.wards.byCode(t.wardCode);
  return { ticketNumber: t.number, ticketId: t.id, merged, ward: ward ? wardRef(ward) : fallback, state: t.state };
}

/** Stores each photo's original bytes, facts and annotated preview; the ids, in order. Reports and later additions alike. */
export async function storePhotos(
  stores: Pick<Stores, "evidence">,
  s: Pick<ReportSubmission, "accountId" | "channel" | "photos" | "verification">,
  now: Date,
): Promise<string[]> {
  const evidenceIds: string[] = [];
  for (const p of s.photos) {
    const codes = p.decode?.codes ?? [];
    const preview = codes.length > 0 ? await annotatedPreview(p.bytes, codes) : undefined;
    const saved = await stores.evidence.save({
      bytes: p.bytes, mime: p.mime, filename: p.filename, accountId: s.accountId, channel: s.channel, receivedAt: now,
      preview, exif: p.exif, decode: p.decode, verdict: s.verification,
    });
    evidenceIds.push(saved.id);
  }
  return evidenceIds;
}
