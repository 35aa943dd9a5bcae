import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * A PDF's pages and its text laid out line by line, as `pdftotext -layout` would read it, but
 * through pdf.js from npm, so the tests need no poppler on the machine: items on one baseline
 * form a line, top to bottom, left to right; a gap between two items becomes a space.
 */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const rows = new Map<number, { x: number; end: number; str: string }[]>();
    for (const item of (await page.getTextContent()).items) {
      if (!("str" in item) || item.str === "") continue;
      const [, , , , x, y] = item.transform as number[];
      const row = rows.get(Math.round(y!)) ?? [];
      row.push({ x: x!, end: x! + item.width, str: item.str });
      rows.set(Math.round(y!), row);
    }
    for (const [, row] of [...rows].sort(([a], [b]) => b - a)) {
      row.sort((a, b) => a.x - b.x);
      lines.push(row.reduce((line, item, i) => line + (i > 0 && item.x - row[i - 1]!.end > 1 ? " " : "") + item.str, ""));
    }
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: lines.join("\n") + "\n" };
}
