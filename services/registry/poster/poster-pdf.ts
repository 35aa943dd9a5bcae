import { DEJAVU } from "../../../platform/fonts.js";
import { a4Document } from "../a4-document.js";
import { A4, type PosterItem } from "./poster-layout.js";

/**
 * pdfkit's built-in fonts are WinAnsi and lack Vietnamese letters (ơ, ư, ạ, ễ …), so we embed a
 * TrueType font with them all: DejaVu Sans, from npm.
 */
export const POSTER_FONTS = DEJAVU;

/** The poster as a one-page A4 PDF with the font embedded (subset by pdfkit). */
export async function posterPdf(items: PosterItem[], fonts: { regular: string; bold: string }, title: string): Promise<Buffer> {
  const { doc, done } = await a4Document(fonts, title);
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
