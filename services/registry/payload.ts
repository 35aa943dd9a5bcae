import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Official poster payload: `VNQR1:<venue code>:<signature>`, signature = the first 12 bytes of
 * HMAC-SHA256(key, "VNQR1:" + code) in base64url. Short enough for a small, robust QR; a
 * forged or hand-edited code fails the signature before any registry lookup.
 */
const PREFIX = "VNQR1";
const PATTERN = /^VNQR1:([A-Za-z0-9._-]{1,64}):([A-Za-z0-9_-]{16})$/;

export type ParsedPayload =
  | { kind: "signed"; venueCode: string }
  | { kind: "bad_signature"; venueCode: string }
  | { kind: "not_ours" };

function signature(code: string, key: string): string {
  return createHmac("sha256", key).update(`${PREFIX}:${code}`).digest().subarray(0, 12).toString("base64url");
}

export function signPayload(venueCode: string, key: string): string {
  return `${PREFIX}:${venueCode}:${signature(venueCode, key)}`;
}

/** Our format with a valid signature, our format with a bad one, or something else entirely. */
export function parsePayload(text: string, key: string): ParsedPayload {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m) return trimmed.toUpperCase().startsWith(`${PREFIX}:`) ? { kind: "bad_signature", venueCode: trimmed.split(":")[1] ?? "" } : { kind: "not_ours" };
  const venueCode = m[1]!;
  const expected = Buffer.from(signature(venueCode, key));
  const given = Buffer.from(m[2]!);
  return timingSafeEqual(expected, given) ? { kind: "signed", venueCode } : { kind: "bad_signature", venueCode };
}
