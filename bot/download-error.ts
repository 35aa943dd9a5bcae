/** Why a file the user sent could not be fetched; each reason has a text for the user (report-photo-download-*). */
export type DownloadFailure = "not_found" | "timeout" | "too_large" | "failed";

/** A channel's downloader could not fetch a user's file: the conversation explains and asks again. */
export class DownloadError extends Error {
  constructor(
    readonly reason: DownloadFailure,
    detail: string,
  ) {
    super(`file download failed (${reason}): ${detail}`);
    this.name = "DownloadError";
  }
}
