import type { Transformer } from "grammy";
import type { ApiResponse } from "grammy/types";

/**
 * How long a message may be, per channel, and the one place that makes a text fit: a sent text is
 * split into several messages at line breaks, an edit or a caption (which cannot be split) is
 * shortened with "…". Telegram counts UTF-16 code units, as JavaScript does.
 */
export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** The text in pieces of at most `limit`, cut after the last line break (else space) that keeps a piece full enough. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const atLine = window.lastIndexOf("\n");
    const atSpace = window.lastIndexOf(" ");
    // A break in the first half would leave a stub of a message; then a hard cut is kinder.
    const cut = atLine > limit / 2 ? atLine : atSpace > limit / 2 ? atSpace : limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, "");
  }
  parts.push(rest);
  return parts;
}

/** The text cut to `limit`, at a line break where one is near the end, marked with "…". */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const window = text.slice(0, limit - 1);
  const atLine = window.lastIndexOf("\n");
  return (atLine > limit * 0.8 ? window.slice(0, atLine) : window).trimEnd() + "…";
}

type Payload = Record<string, unknown>;

/**
 * The Bot API transformer that makes every text fit Telegram's limits, and takes Telegram's
 * "message is not modified" (an edit to what the message already shows) as done. A long
 * sendMessage becomes several, the buttons under the last one; the last one's answer is the call's.
 */
export function fitToTelegram(): Transformer {
  return (async (prev, method, payload, signal) => {
    const p = payload as Payload;
    let res: ApiResponse<unknown>;
    if (method === "sendMessage" && typeof p.text === "string" && p.text.length > TELEGRAM_TEXT_LIMIT) {
      const parts = splitText(p.text, TELEGRAM_TEXT_LIMIT);
      const { reply_markup, ...plain } = p;
      for (const part of parts.slice(0, -1)) {
        const head = await prev(method, { ...plain, text: part } as never, signal);
        if (!head.ok) return head;
      }
      res = await prev(method, { ...plain, text: parts.at(-1), ...(reply_markup ? { reply_markup } : {}) } as never, signal);
    } else if (method === "editMessageText" && typeof p.text === "string" && p.text.length > TELEGRAM_TEXT_LIMIT) {
      res = await prev(method, { ...p, text: shorten(p.text, TELEGRAM_TEXT_LIMIT) } as never, signal);
    } else if (typeof p.caption === "string" && p.caption.length > TELEGRAM_CAPTION_LIMIT) {
      res = await prev(method, { ...p, caption: shorten(p.caption, TELEGRAM_CAPTION_LIMIT) } as never, signal);
    } else {
      res = await prev(method, payload, signal);
    }
    if (!res.ok && res.error_code === 400 && /message is not modified/i.test(res.description)) return { ok: true, result: true };
    return res;
  }) as Transformer;
}
