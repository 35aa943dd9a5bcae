import { existsSync } from "node:fs";
import { a4Document } from "../a4-document.js";
import { A4, type PosterItem } from "./poster-layout.js";

/**
 * pdfkit's built-in fonts are WinAnsi and lack Vietnamese letters (ơ, ư, ạ, ễ …), so we embed a
 * TrueType font: DejaVu Sans ships with Debian/Ubuntu (fonts-dejavu-core) and covers them all.
 */
export const DEFAULT_FONT_CANDIDATES = [
  ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
  ["/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"],
  ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
] as const;

export class PosterFontError extends Error {
  constructor(readonly tried: string[]) {
    super(`no font with Vietnamese glyphs found (tried ${tried.join(", ")}); install fonts-dejavu-core`);
    this.name = "PosterFontError";
  }
}

export function findPosterFonts(candidates: readonly (readonly [string, string])[] = DEFAULT_FONT_CANDIDATES): { regular: string; bold: string } {
  const found = candidates.find(([regular, bold]) => existsSync(regular) && existsSync(bold));
  if (!found) throw new PosterFontError(candidates.flat());
  return { regular: found[0], bold: found[1] };
}

/** The poster as a one-page A4 PDF with the font embedded (subset by pdfkit). */
export function posterPdf(items: PosterItem[], fonts: { regular: string; bold: string }, title: string): Promise<Buffer> {
  const { doc, done } = a4Document(fonts, title);
  for (const item of items) {
    if (item.kind === "rect") doc.rect(item.x, item.y, item.width, item.height).fill(item.fill);
    else if (item.kind === "text") {
      // SVG places text by its baseline, pdfkit by its top; baseline ≈ top + 0.76 × size for DejaVu.
      doc.font(item.bold ? "bold" : "regular").fontSize(item.size).fillColor(item.color);
      doc.text(item.text, 0, item.y - item.size * 0.76 * 1.22, { width: A4.width, align: "center", lineBreak: false });
    } else {
      const cell = item.size / item.modules.length;
      item.modules.forEach((row, r) => row.forEach((dark, c) => dark && doc.rect(item.x + c * cell, item.y + r * cell, cell, cell)));
      doc.fill("#000000");
    }
  }
  doc.end();
  return done;
}
