import { publicDescription, changeText } from "../services/publication/public-texts.js";
import type { PublicTicket } from "../services/publication/publication-rule.js";
import type { PartnerView } from "./own-records.js";
import { isOpen } from "../models/ticket-states.js";
import { fullName, type WardRef } from "../services/routing/ward-ref.js";
import type { Value } from "./render.js";
import type { Translate } from "./texts.js";
import { label } from "../services/text/labels.js";

/** Times are shown in Vietnam's zone (no daylight saving), with the offset the spec requires. */
const VN_OFFSET_MS = 7 * 3600 * 1000;
export function isoTime(d: Date): string {
  return `${new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/**
 * How public views are written as GeoReport records. Every record is made from the publication
 * rule's view (services/publication), never from a stored ticket: a key's holder reads what the
 * public reads, and on a request it filed itself its own description and address string
 * (own-records.ts).
 */
export interface RecordContext {
  t: Translate;
  ward: (code: string) => WardRef | undefined;
  /** The address of a public photo. */
  mediaUrl: (publicId: string) => string;
}

const wardName = (c: RecordContext) => (code: string) => {
  const ward = c.ward(code);
  return ward ? fullName(ward) : undefined;
};

const statusOf = (open: boolean) => (open ? "open" : "closed");

/** One `request` of GET requests, with every field the spec lists; reporters, their words and exact points never appear. */
export function requestRecord(p: PartnerView, c: RecordContext): Value {
  const last = p.changes.at(-1);
  const ward = c.ward(p.wardCode);
  return {
    service_request_id: p.number,
    status: statusOf(p.open),
    status_notes: last ? changeText(last, c.t, wardName(c)) : null,
    service_name: label(c.t, "type", p.type),
    service_code: p.type,
    description: p.own?.description ?? publicDescription(p, c.t),
    agency_responsible: ward ? `${fullName(ward)}, ${ward.provinceName}` : p.wardCode,
    service_notice: label(c.t, "verdict", p.verdict),
    requested_datetime: isoTime(p.openedAt),
    updated_datetime: isoTime(p.updatedAt),
    expected_datetime: p.closeBy ? isoTime(p.closeBy) : null,
    address: p.own?.address ?? p.venueName ?? null,
    address_id: null,
    zipcode: null,
    lat: p.position?.lat ?? null,
    long: p.position?.lng ?? null,
    media_url: p.photos[0] ? c.mediaUrl(p.photos[0]) : null,
  };
}

/** FixMyStreet's request_update: one per public state change inside [from, to). */
export function updateRecords(p: PublicTicket, from: Date, to: Date, c: RecordContext): Value[] {
  const out: Value[] = [];
  p.changes.forEach((ch, i) => {
    if (ch.at < from || ch.at >= to) return;
    out.push({
      update_id: `${p.number}-${i}`,
      service_request_id: p.number,
      status: statusOf(isOpen(ch.to)),
      updated_datetime: isoTime(ch.at),
      description: changeText(ch, c.t, wardName(c)),
      external_status_code: ch.to,
      media_url: null,
    });
  });
  return out;
}
