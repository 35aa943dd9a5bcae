import QRCode from "qrcode";
import type { WardRef } from "../../routing/ward-ref.js";
import { fullName } from "../../routing/ward-ref.js";
import type { VenueRef } from "../venue-ref.js";
import type { PosterTexts } from "./poster-texts.js";

/** A4 in PDF points; both renderers draw this one layout, the PNG scaled to pixels. */
export const A4 = { width: 595.28, height: 841.89 } as const;
const RED = "#b3121f";

export type PosterItem =
  | { kind: "rect"; x: number; y: number; width: number; height: number; fill: string }
  | { kind: "text"; y: number; size: number; bold: boolean; color: string; text: string }
  | { kind: "qr"; x: number; y: number; size: number; modules: boolean[][] };

export interface PosterInput {
  venue: Pick<VenueRef, "code" | "name" | "address">;
  ward: WardRef;
  payload: string;
  issuedAt: Date;
  texts: PosterTexts;
}

/** Greedy word wrap by character count: good enough for one name and one address. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + " " + word).length <= max) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
  }
  return lines.slice(0, 3);
}

const date = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;

/** Top to bottom: header band, the QR, venue name, address, ward, code and issue date, footer. */
export function posterLayout({ venue, ward, payload, issuedAt, texts }: PosterInput): PosterItem[] {
  const qr = QRCode.create(payload, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const modules = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.modules.get(r, c) === 1));
  const qrSize = 330;
  const items: PosterItem[] = [
    { kind: "rect", x: 0, y: 0, width: A4.width, height: 120, fill: RED },
    { kind: "text", y: 52, size: 26, bold: true, color: "#ffffff", text: texts.title.vi },
    { kind: "text", y: 80, size: 14, bold: false, color: "#ffe9b0", text: texts.title.en },
    { kind: "text", y: 104, size: 13, bold: false, color: "#ffffff", text: `${texts.scan.vi} · ${texts.scan.en}` },
    { kind: "qr", x: (A4.width - qrSize) / 2, y: 150, size: qrSize, modules },
  ];
  let y = 150 + qrSize + 50;
  for (const line of wrap(venue.name, 32)) {
    items.push({ kind: "text", y, size: 24, bold: true, color: "#111111", text: line });
    y += 30;
  }
  for (const line of wrap(venue.address, 52)) {
    items.push({ kind: "text", y, size: 15, bold: false, color: "#333333", text: line });
    y += 20;
  }
  y += 14;
  items.push(
    { kind: "text", y, size: 14, bold: false, color: "#333333", text: `${texts.ward.vi} / ${texts.ward.en}: ${fullName(ward)}, ${ward.provinceName}` },
    { kind: "text", y: y + 22, size: 12, bold: false, color: "#555555", text: `${texts.code.vi} / ${texts.code.en}: ${venue.code} · ${texts.issued.vi} / ${texts.issued.en}: ${date(issuedAt)}` },
    { kind: "rect", x: 0, y: A4.height - 70, width: A4.width, height: 70, fill: "#f3f3f3" },
    { kind: "text", y: A4.height - 42, size: 10.5, bold: false, color: "#333333", text: texts.report.vi },
    { kind: "text", y: A4.height - 24, size: 10, bold: false, color: "#666666", text: texts.report.en },
  );
  return items;
}
