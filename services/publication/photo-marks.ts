import { randomBytes } from "node:crypto";
import type { Ticket, TicketPublicPhoto } from "../../models/ticket.js";
import { publishableEvidence } from "./publication-rule.js";

/**
 * A public photo's id: the ticket's id (so the photo is found by an _id lookup, which every
 * MongoDB-compatible server does without a scan) followed by 120 random bits, URL-safe. Knowing
 * one photo's address, or a ticket's, gives no way to another photo.
 */
export function newPublicId(ticketId: string): string {
  return Buffer.concat([Buffer.from(ticketId, "hex"), randomBytes(15)]).toString("base64url");
}

/** The public id form Open311's media and the /reports pages accept. */
export const PUBLIC_ID = /^[A-Za-z0-9_-]{36}$/;

/** The ticket a well-formed public id points into (its holder still decides whether the photo is shown). */
export function ticketOfPublicId(publicId: string): string | undefined {
  return PUBLIC_ID.test(publicId) ? Buffer.from(publicId, "base64url").subarray(0, 12).toString("hex") : undefined;
}

/**
 * A ticket's publishable photos after an officer's choice, or undefined when the photo is not
 * one of the ticket's standing photos. Publishing twice keeps the first id; taking a photo back
 * forgets its id, so an address once shared stops working and a later publication gets a new one.
 */
export function markPhoto(t: Pick<Ticket, "id" | "reports" | "additions" | "publicPhotos">, evidenceId: string, publish: boolean, actorId: string, at: Date): TicketPublicPhoto[] | undefined {
  if (!publishableEvidence(t).includes(evidenceId)) return undefined;
  const marks = t.publicPhotos ?? [];
  const others = marks.filter((p) => p.evidenceId !== evidenceId);
  if (!publish) return others;
  const kept = marks.find((p) => p.evidenceId === evidenceId);
  return [...others, kept ?? { evidenceId, publicId: newPublicId(t.id), at, actorId }];
}

/** The photo the ward's card shows above it, and its publish button marks: the first standing report's first photo. */
export function cardPhotoId(t: Pick<Ticket, "reports">): string | undefined {
  return t.reports.find((r) => !r.withdrawnAt)?.evidenceIds[0];
}

export function isMarked(t: Pick<Ticket, "publicPhotos">, evidenceId: string): boolean {
  return (t.publicPhotos ?? []).some((p) => p.evidenceId === evidenceId);
}
