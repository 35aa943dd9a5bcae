import QRCode from "qrcode";
import type { WardRef } from "../../routing/ward-ref.js";
import { fullName } from "../../routing/ward-ref.js";
import type { VenueRef } from "../venue-ref.js";
import type { ReportLinks } from "../report-link.js";
import type { PosterTexts } from "./poster-texts.js";

/** A4 in PDF points; both renderers draw this one layout, the PNG scaled to pixels. */
export const A4 = { width: 595.28, height: 841.89 } as const;
const RED = "#b3121f";
const FOOTER = 150;
const LINK_QR = 66;

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
  /** The bot's links: the Telegram one becomes the footer's small second code. */
  links: ReportLinks;
}

function qrModules(text: string): boolean[][] {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.modules.get(r, c) === 1));
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

const linkLine = (links: ReportLinks) => ["Telegram: " + bare(links.telegram), links.zalo ? "Zalo: " + bare(links.zalo) : ""].filter(Boolean).join(" · ");
const bare = (url: string) => url.replace(/^https:\/\//, "");

const date = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;

/**
 * Top to bottom: header band, the QR, venue name, address, ward, code and issue date, and a
 * footer that tells how to report, with the bot's links and a small second code for the
 * Telegram one (a fifth of the venue's code: a check-in app aims at the big one).
 */
export function posterLayout({ venue, ward, payload, issuedAt, texts, links }: PosterInput): PosterItem[] {
  const modules = qrModules(payload);
  const qrSize = 300;
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
    { kind: "rect", x: 0, y: A4.height - FOOTER, width: A4.width, height: FOOTER, fill: "#f3f3f3" },
    { kind: "text", y: A4.height - FOOTER + 22, size: 10.5, bold: false, color: "#333333", text: texts.report.vi },
    { kind: "text", y: A4.height - FOOTER + 38, size: 10, bold: false, color: "#666666", text: texts.report.en },
    // Centred under the texts with clear space all round: text beside it would eat its quiet zone.
    { kind: "qr", x: (A4.width - LINK_QR) / 2, y: A4.height - FOOTER + 50, size: LINK_QR, modules: qrModules(links.telegram) },
    { kind: "text", y: A4.height - 16, size: 10.5, bold: true, color: "#111111", text: linkLine(links) },
  );
  return items;
}
