import sharp from "sharp";
import "../../../platform/fonts.js";
import { A4, type PosterItem } from "./poster-layout.js";

/** librsvg picks fonts through fontconfig; DejaVu Sans (from npm, platform/fonts.ts) has every Vietnamese glyph. */
const FONT = "DejaVu Sans, Noto Sans, Liberation Sans, sans-serif";
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function svgItem(item: PosterItem): string {
  switch (item.kind) {
    case "rect":
      return `<rect x="${item.x}" y="${item.y}" width="${item.width}" height="${item.height}" fill="${item.fill}"/>`;
    case "text":
      return `<text x="${A4.width / 2}" y="${item.y}" font-family="${FONT}" font-size="${item.size}" font-weight="${item.bold ? "bold" : "normal"}" fill="${item.color}" text-anchor="middle">${escapeXml(item.text)}</text>`;
    case "qr": {
      const cell = item.size / item.modules.length;
      const path = item.modules
        .flatMap((row, r) => row.map((dark, c) => (dark ? `M${item.x + c * cell} ${item.y + r * cell}h${cell}v${cell}h${-cell}z` : "")))
        .join("");
      return `<path d="${path}" fill="#000000" shape-rendering="crispEdges"/>`;
    }
  }
}

/** The poster as an A4 PNG at `dpi` (150 dpi = 1240 × 1754 px). */
export async function posterPng(items: PosterItem[], dpi = 150): Promise<Buffer> {
  const scale = dpi / 72;
  const width = Math.round(A4.width * scale);
  const height = Math.round(A4.height * scale);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${A4.width} ${A4.height}">
<rect width="100%" height="100%" fill="#ffffff"/>
${items.map(svgItem).join("\n")}
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
