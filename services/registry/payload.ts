import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Official poster payload: `VNQR1:<venue code>:<signature>[:<key id>]`, signature = the first 12
 * bytes of HMAC-SHA256(key, "VNQR1:" + code [+ ":" + key id]) in base64url. Short enough for a
 * small, robust QR; a forged or hand-edited code fails the signature before any registry lookup.
 *
 * Key ids let the signing key rotate without invalidating printed posters: new posters carry the
 * current key's id, older ones are verified with the retired key of their id. The first key has
 * id "0" and no id in the payload, so every poster printed before rotation existed stays valid.
 */
const PREFIX = "VNQR1";
const PATTERN = /^VNQR1:([A-Za-z0-9._-]{1,64}):([A-Za-z0-9_-]{16})(?::([a-z0-9]{1,8}))?$/;
export const LEGACY_KEY_ID = "0";

export interface SigningKey {
  id: string;
  secret: string;
}

/** The key new posters are signed with, and retired keys still accepted for posters already printed. */
export interface SigningKeys {
  current: SigningKey;
  retired: SigningKey[];
}

/** A bare secret is the legacy key (id "0") with nothing retired: what tests and older callers pass. */
export type KeyRing = string | SigningKeys;

export function keyRing(keys: KeyRing): SigningKeys {
  return typeof keys === "string" ? { current: { id: LEGACY_KEY_ID, secret: keys }, retired: [] } : keys;
}

export type ParsedPayload =
  | { kind: "signed"; venueCode: string; keyId: string }
  | { kind: "bad_signature"; venueCode: string }
  | { kind: "not_ours" };

function signature(code: string, key: SigningKey): string {
  const signed = key.id === LEGACY_KEY_ID ? `${PREFIX}:${code}` : `${PREFIX}:${code}:${key.id}`;
  return createHmac("sha256", key.secret).update(signed).digest().subarray(0, 12).toString("base64url");
}

export function signPayload(venueCode: string, keys: KeyRing): string {
  const key = keyRing(keys).current;
  const tail = key.id === LEGACY_KEY_ID ? "" : `:${key.id}`;
  return `${PREFIX}:${venueCode}:${signature(venueCode, key)}${tail}`;
}

/** Our format with a valid signature (by any known key), our format with a bad one or an unknown key id, or something else. */
export function parsePayload(text: string, keys: KeyRing): ParsedPayload {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m) return trimmed.toUpperCase().startsWith(`${PREFIX}:`) ? { kind: "bad_signature", venueCode: trimmed.split(":")[1] ?? "" } : { kind: "not_ours" };
  const venueCode = m[1]!;
  const keyId = m[3] ?? LEGACY_KEY_ID;
  const ring = keyRing(keys);
  const key = [ring.current, ...ring.retired].find((k) => k.id === keyId);
  if (!key) return { kind: "bad_signature", venueCode };
  const expected = Buffer.from(signature(venueCode, key));
  const given = Buffer.from(m[2]!);
  return timingSafeEqual(expected, given) ? { kind: "signed", venueCode, keyId } : { kind: "bad_signature", venueCode };
}
