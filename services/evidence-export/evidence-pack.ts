import type { auditStore, AuditEvent } from "../../models/audit-event.js";
import type { Evidence, evidenceStore } from "../../models/evidence.js";
import type { Ticket } from "../../models/ticket.js";
import type { venueStore } from "../../models/venue.js";
import type { wardStore } from "../../models/ward.js";
import { wardNames } from "../routing/ward-names.js";
import { reporterNumbers } from "../text/labels.js";

export interface PackPhoto {
  evidence: Evidence;
  /** The original bytes exactly as received. */
  bytes: Buffer;
  /** File name inside the pack: report index, hash prefix and the original's extension. */
  name: string;
}

export interface EvidencePack {
  ticket: Ticket;
  photos: PackPhoto[];
  /** Photos whose bytes the retention job deleted: their hash and facts remain. */
  pruned: Evidence[];
  audit: AuditEvent[];
  /** Names of the ticket's ward and of a transfer's receiving ward, by code. */
  wardNames: Map<string, string>;
  /** The registered venue's name, when the ticket names a venue that is in the registry. */
  venueName?: string;
}

const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic" };

/** Everything enforcement needs about one ticket, with the photos read back from GridFS. */
export async function collectEvidencePack(
  deps: {
    evidence: ReturnType<typeof evidenceStore>;
    audit: ReturnType<typeof auditStore>;
    wards: Pick<ReturnType<typeof wardStore>, "byCode">;
    venues: Pick<ReturnType<typeof venueStore>, "namesOf">;
  },
  ticket: Ticket,
): Promise<EvidencePack> {
  const photos: PackPhoto[] = [];
  const pruned: Evidence[] = [];
  // Reports first, then what reporters added later (issue 17), each photo named by where it came from.
  const sources = [
    ...ticket.reports.map((r, i) => ({ label: `report-${i + 1}`, ids: r.evidenceIds })),
    ...(ticket.additions ?? []).map((a, i) => ({ label: `added-${i + 1}`, ids: a.evidenceIds })),
  ];
  for (const { label, ids } of sources) {
    for (const id of ids) {
      const evidence = await deps.evidence.byId(id);
      if (!evidence) continue;
      if (evidence.prunedAt) {
        pruned.push(evidence);
        continue;
      }
      const bytes = await deps.evidence.readFile(evidence.fileId);
      photos.push({ evidence, bytes, name: `${label}-${evidence.sha256.slice(0, 12)}.${EXT[evidence.mime] ?? "bin"}` });
    }
  }
  const codes = [ticket.wardCode, ...(ticket.outcome?.kind === "transferred" ? [ticket.outcome.wardCode] : [])];
  const venueName = ticket.venueCode ? (await deps.venues.namesOf([ticket.venueCode])).get(ticket.venueCode) : undefined;
  return { ticket, photos, pruned, audit: await deps.audit.of("ticket", ticket.id), wardNames: await wardNames(deps.wards, codes), venueName };
}

/** The machine-readable part: facts only, no bytes; hashes let anyone check the photo files. */
export function evidenceJson(pack: EvidencePack): unknown {
  const { ticket } = pack;
  const people = reporterNumbers(ticket.reports);
  return {
    ticket: {
      number: ticket.number,
      state: ticket.state,
      outcome: ticket.outcome,
      violationType: ticket.violationType,
      wardCode: ticket.wardCode,
      provinceCode: ticket.provinceCode,
      venueCode: ticket.venueCode,
      address: ticket.address,
      location: ticket.location,
      verdict: ticket.verdict,
      decodedText: ticket.decodedText,
      duplicateOf: ticket.duplicateOf,
      openedAt: ticket.openedAt,
      acknowledgeBy: ticket.acknowledgeBy,
      closeBy: ticket.closeBy,
    },
    // Reporters appear by their position only: the pack may leave the ward.
    reports: ticket.reports.map((r) => ({ reporter: `resident #${people.get(r.accountId)}`, channel: r.channel, violationType: r.violationType, note: r.note, location: r.location, address: r.address, flags: r.flags, at: r.at, evidenceIds: r.evidenceIds })),
    // Added by reporters after submitting: reporters again by position only.
    additions: (ticket.additions ?? []).map((a) => ({ reporter: `resident #${people.get(a.accountId) ?? "?"}`, kind: a.kind, channel: a.channel, note: a.note, at: a.at, evidenceIds: a.evidenceIds })),
    photos: pack.photos.map((p) => ({
      file: `photos/${p.name}`,
      evidenceId: p.evidence.id,
      sha256: p.evidence.sha256,
      size: p.evidence.size,
      mime: p.evidence.mime,
      receivedAt: p.evidence.receivedAt,
      exif: p.evidence.exif,
      decode: p.evidence.decode,
      verdict: p.evidence.verdict,
    })),
    prunedPhotos: pack.pruned.map((e) => ({ evidenceId: e.id, sha256: e.sha256, size: e.size, mime: e.mime, receivedAt: e.receivedAt, prunedAt: e.prunedAt, exif: e.exif, decode: e.decode, verdict: e.verdict })),
    history: ticket.history,
    audit: pack.audit.map(({ at, actorId, actorRole, action, from, to, note }) => ({ at, actorId, actorRole, action, from, to, note })),
  };
}
