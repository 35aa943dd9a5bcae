/** Dates as residents in Vietnam read them, whatever the server's time zone. */
export function formatDate(at: Date | string, locale: string): string {
  return new Date(at).toLocaleString(locale === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
  });
}
