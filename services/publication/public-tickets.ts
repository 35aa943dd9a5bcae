import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import { annotatedPreview } from "../evidence/annotated-preview.js";
import { ticketOfPublicId } from "./photo-marks.js";
import { publicView, publishedPhoto, type PublicTicket } from "./publication-rule.js";

/** The public views of those tickets that are public, in their order, each with its registered venue looked up. */
export async function publicViews(venues: Pick<Stores["venues"], "placesOf">, tickets: Ticket[]): Promise<PublicTicket[]> {
  const codes = tickets.flatMap((t) => (t.venueCode ? [t.venueCode] : []));
  const places = codes.length > 0 ? await venues.placesOf(codes) : new Map();
  return tickets.flatMap((t) => publicView(t, t.venueCode ? places.get(t.venueCode) : undefined) ?? []);
}

/** Re-encoded photos kept per process: they derive from immutable originals; whether one is shown is asked every time. */
const MAX_KEPT = 64;

/**
 * The JPEG a public surface serves for a public photo id, or undefined when there is none to
 * show: the ticket must be public and the photo still marked and standing (publication-rule).
 * The bytes are the annotated preview (or the original re-encoded the same way): upright, at
 * most 1280 px, without EXIF or any other metadata.
 */
export function createPublicPhotos(stores: Pick<Stores, "tickets" | "evidence">) {
  const kept = new Map<string, Buffer>();
  return async function publicPhotoBytes(publicId: string): Promise<Buffer | undefined> {
    const ticketId = ticketOfPublicId(publicId);
    const ticket = ticketId ? await stores.tickets.byId(ticketId) : undefined;
    const evidenceId = ticket ? publishedPhoto(ticket, publicId) : undefined;
    const evidence = evidenceId ? await stores.evidence.byId(evidenceId) : undefined;
    if (!evidence || evidence.prunedAt) return undefined;
    const hit = kept.get(evidence.id);
    if (hit) return hit;
    const bytes = evidence.previewFileId
      ? await stores.evidence.readFile(evidence.previewFileId)
      : await annotatedPreview(await stores.evidence.readFile(evidence.fileId), []);
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(evidence.id, bytes);
    return bytes;
  };
}

export type PublicPhotos = ReturnType<typeof createPublicPhotos>;
