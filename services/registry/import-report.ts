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
