import type { Channel } from "../../models/account.js";
import type { Stores } from "../../models/index.js";
import type { Ticket, ViolationType } from "../../models/ticket.js";
import { annotatedPreview } from "../evidence/annotated-preview.js";
import type { DecodeResult } from "../qr/decode-qr.js";
import { distanceM } from "../routing/distance.js";
import type { Verification } from "../registry/verify-code.js";
import type { LatLng, WardRef } from "../routing/ward-ref.js";
import { openTicket } from "./open-ticket.js";
import { reportAttached } from "./ticket-effects.js";

/** Reports this close (same violation type, still open, recent) describe the same poster. */
export const MERGE_RADIUS_M = 50;
export const MERGE_WINDOW_DAYS = 30;

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

export interface SubmitResult {
  ticketNumber: string;
  ticketId: string;
  merged: boolean;
}

type SubmitStores = Pick<Stores, "tickets" | "evidence" | "counters" | "outbox" | "deadlineRules">;

/**
 * Stores the evidence, then opens a ticket or attaches the report to an open one for the
 * same poster, then records what follows (ticket-effects). Evidence goes first: a ticket never
 * points at a missing photo, and a crash before the ticket leaves only unreferenced photos.
 */
export async function submitReport(stores: SubmitStores, s: ReportSubmission, now: Date): Promise<SubmitResult> {
  const evidenceIds = await storePhotos(stores, s, now);
  const report = {
    accountId: s.accountId, channel: s.channel, violationType: s.violationType, note: s.note,
    location: s.location, address: s.address, evidenceIds, flags: s.flags, at: now,
  };
  const venueCode = s.verification?.venue?.code;
  const target = await mergeTarget(stores, s, venueCode, now);
  if (target) {
    const attached = await stores.tickets.attachReport(target.id, report, { at: now, actorId: s.accountId, actorRole: "resident", action: "report_attached", note: s.via });
    if (attached) {
      await reportAttached(stores.outbox, attached, now);
      return { ticketNumber: attached.number, ticketId: attached.id, merged: true };
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
  return { ticketNumber: ticket.number, ticketId: ticket.id, merged: false };
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

async function mergeTarget(stores: SubmitStores, s: ReportSubmission, venueCode: string | undefined, now: Date): Promise<Ticket | undefined> {
  if (venueCode) {
    const open = await stores.tickets.openForVenue(venueCode);
    if (open) return open;
  }
  if (!s.location) return undefined;
  const since = new Date(now.getTime() - MERGE_WINDOW_DAYS * 86_400_000);
  const nearby = await stores.tickets.openOfTypeSince(s.ward.code, s.violationType, since);
  const here = s.location;
  return nearby
    .filter((t) => t.location && distanceM(here, t.location) <= MERGE_RADIUS_M)
    .sort((a, b) => distanceM(here, a.location!) - distanceM(here, b.location!))[0];
}
