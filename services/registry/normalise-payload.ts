import { withCheckinScheme } from "./checkin-systems.js";

/**
 * The comparable form of a non-signed payload printed on a poster: URLs with scheme and host
 * lower-cased, default port, trailing slash and fragment dropped and query parameters sorted;
 * a national check-in code printed without its scheme gets https; other text trimmed.
 * Registry payloads are stored in this form and codes compared in it.
 */
export function normalisePayload(text: string): string {
  const trimmed = withCheckinScheme(text.trim());
  const url = asUrl(trimmed);
  if (!url) return trimmed;
  url.hash = "";
  url.searchParams.sort();
  const path = url.pathname.replace(/\/+$/, "");
  const query = url.searchParams.toString();
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ""}`;
}

export function asUrl(text: string): URL | undefined {
  if (!/^https?:\/\/\S+$/i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
