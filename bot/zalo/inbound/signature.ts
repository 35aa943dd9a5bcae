import { createHash, timingSafeEqual } from "node:crypto";

/** Zalo's webhook signature: `mac=` + hex SHA-256 of app id + raw body + timestamp + OA secret key. */
export function zaloSignature(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  const h = createHash("sha256");
  h.update(appId);
  h.update(rawBody);
  h.update(timestamp);
  h.update(oaSecretKey);
  return "mac=" + h.digest("hex");
}

export type WebhookRejection = "bad_signature" | "unknown_app" | "stale" | "malformed";

export interface VerifyOptions {
  appId: string;
  oaSecretKey: string;
  now: Date;
  /** How old (or how far in the future) an event may be; older deliveries are replays. */
  maxSkewMs: number;
}

/**
 * Checks a delivery on its raw bytes before anything else reads it.
 * The timestamp is the one inside the body, which the signature covers.
 */
export function verifyZaloWebhook(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  o: VerifyOptions,
): { ok: true; event: Record<string, unknown> } | { ok: false; reason: WebhookRejection } {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(rawBody.toString("utf8")) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof event !== "object" || event === null) return { ok: false, reason: "malformed" };
  if (String(event.app_id ?? "") !== o.appId) return { ok: false, reason: "unknown_app" };
  const timestamp = String(event.timestamp ?? "");
  const expected = Buffer.from(zaloSignature(o.appId, rawBody, timestamp, o.oaSecretKey));
  const given = Buffer.from(signatureHeader ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  const at = Number(timestamp);
  if (!Number.isFinite(at) || Math.abs(o.now.getTime() - at) > o.maxSkewMs) return { ok: false, reason: "stale" };
  return { ok: true, event };
}
