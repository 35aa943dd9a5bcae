import type { Stores } from "../../models/index.js";
import type { Logger } from "../../platform/logger.js";
import { closedUnchangedSince, retentionCutoff } from "./closed-tickets.js";

const EVERY_MS = 6 * 60 * 60 * 1000;

export interface PhotoRetentionDeps {
  stores: Pick<Stores, "tickets" | "evidence">;
  clock: () => Date;
  logger: Logger;
  /** PHOTO_RETENTION_DAYS: photos of tickets closed longer ago are deleted; 0 keeps them for ever. */
  retentionDays: number;
}

/**
 * Deletes the photos (originals and annotated previews) of tickets closed more than the
 * retention period ago. What an evidence pack needs besides the bytes stays: each photo's
 * SHA-256, size, EXIF facts, decode result and verdict, the ticket and its history, so a pack
 * exported later still says what was received and proves an earlier copy by its hash.
 * A reopened ticket is open again and keeps its photos. Idempotent and safe on every instance.
 */
export async function pruneClosedPhotos(deps: PhotoRetentionDeps): Promise<{ tickets: number; photos: number }> {
  if (deps.retentionDays <= 0) return { tickets: 0, photos: 0 };
  const now = deps.clock();
  const cutoff = retentionCutoff(now, deps.retentionDays);
  let tickets = 0;
  let photos = 0;
  for await (const ticket of closedUnchangedSince(deps.stores.tickets, cutoff)) {
    let pruned = 0;
    for (const id of [...ticket.reports, ...(ticket.additions ?? [])].flatMap((r) => r.evidenceIds)) if (await deps.stores.evidence.pruneFiles(id, now)) pruned++;
    if (pruned > 0) tickets++;
    photos += pruned;
  }
  if (photos > 0) deps.logger.info({ tickets, photos, cutoff }, "deleted photos of tickets closed past the retention period");
  return { tickets, photos };
}

/** Runs pruneClosedPhotos now and every six hours until stopped; a failed run is logged and retried. */
export function startPhotoRetention(deps: PhotoRetentionDeps): { stop(): void } {
  const run = () => pruneClosedPhotos(deps).catch((err: unknown) => deps.logger.warn({ err }, "photo retention run failed"));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
