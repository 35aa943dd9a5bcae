/** Zalo shows plain text: drop Telegram's HTML tags and Markdown escapes. */
export function plainText(text: string, parseMode: string | undefined): string {
  if (parseMode === "HTML") {
    return text
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  }
  if (parseMode === "MarkdownV2") return text.replace(/\\([_*[\]()~`>#+\-=|{}.!\\])/g, "$1");
  return text;
}
