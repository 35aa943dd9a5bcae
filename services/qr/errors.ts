/** Why an upload cannot be decoded at all; the channel turns the code into a polite reply. */
export type ImageRejectionReason =
  | "empty"
  | "not_image"
  | "corrupt"
  | "unsupported_format"
  | "heic"
  | "too_large_bytes"
  | "too_many_pixels"
  | "animation";

export class ImageRejectedError extends Error {
  override readonly name = "ImageRejectedError";
  constructor(
    readonly reason: ImageRejectionReason,
    readonly detail?: string,
  ) {
    super(detail ? `image rejected (${reason}): ${detail}` : `image rejected (${reason})`);
  }
}

/** Every decoder thread is busy and the queue is full: ask the sender to try again shortly. */
export class DecoderBusyError extends Error {
  override readonly name = "DecoderBusyError";
  constructor(readonly queued: number) {
    super(`the QR decoder is busy (${queued} photos queued)`);
  }
}
