/**
 * Characters that change how the text around them looks instead of showing themselves: C0 and
 * C1 controls (NUL, BEL, ESC, line breaks…), DEL, the bidi marks, embeddings, overrides and
 * isolates (U+202E turns "HUE-123" into what reads as another code), line and paragraph
 * separators and the invisible BOM.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's purpose
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Text from outside (a decoded QR payload, a resident's note) as people should see it: every
 * such character written as its escape (`\u202E`), everything else unchanged. For display
 * only; what is stored stays byte-exact.
 */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
