import { decodeQr, type DecodeOptions, type DecodeResult } from "./decode-qr.js";
import { ImageRejectedError, type ImageRejectionReason } from "./errors.js";

export interface DecodeTask {
  bytes: Uint8Array;
  options: DecodeOptions;
}

export type DecodeReply = { result: DecodeResult } | { rejected: { reason: ImageRejectionReason; detail?: string } };

/**
 * What a pool worker runs. Errors lose their class and fields when they cross the thread
 * boundary, so a rejection travels back as data and the pool re-throws it on the caller's side.
 */
export async function decodeTask({ bytes, options }: DecodeTask): Promise<DecodeReply> {
  try {
    return { result: await decodeQr(bytes, options) };
  } catch (error) {
    if (error instanceof ImageRejectedError) return { rejected: { reason: error.reason, detail: error.detail } };
    throw error;
  }
}
