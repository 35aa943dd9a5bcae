/** Why one input record was not imported; `where` is a line number, a code or a file position. */
export interface Rejection {
  where: string;
  reason: string;
  detail?: string;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Codes the input names that the registry does not know (listed, not fatal). */
  unknown?: string[];
  /** Stored records a destructive replace removed (or, on a dry run, would remove). */
  removed?: number;
  /** A dry run: nothing was written. */
  dryRun?: boolean;
}

/** At most this many rejected rows are listed one by one; the rest are counted by reason. */
export const LISTED_REJECTIONS = 50;

/**
 * What a report lists of the rejected rows: the first LISTED_REJECTIONS, and how many rows
 * (all of them) each reason refused, so a huge bad file reads as a few lines.
 */
export function listedRejections(rejected: Rejection[]): { listed: Rejection[]; more: number; byReason: [string, number][] } {
  const byReason = new Map<string, number>();
  for (const r of rejected) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  const listed = rejected.slice(0, LISTED_REJECTIONS);
  return { listed, more: rejected.length - listed.length, byReason: [...byReason].sort((a, b) => b[1] - a[1]) };
}

/** Thrown when a whole input is unusable (wrong encoding, not JSON, missing columns). */
export class ImportInputError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "ImportInputError";
  }
}
