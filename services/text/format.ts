/**
 * Dates as people in Vietnam read them, whatever the server's time zone: "13:09 06/12/2026" (vi),
 * "06/12/2026, 13:09" (en). Every surface (chat, cards, console, public pages) formats through here.
 */
export function formatDate(at: Date | string, locale: string): string {
  return new Date(at).toLocaleString(locale === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
  });
}

/** A time said where the reader's language is not at hand (a ward group's card, a supervisor's alert): Vietnamese. */
export function vietnamTime(at: Date | string): string {
  return formatDate(at, "vi");
}
