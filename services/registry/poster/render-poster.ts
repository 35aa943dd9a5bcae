import { signPayload, type KeyRing } from "../payload.js";
import type { VenueRef } from "../venue-ref.js";
import type { WardRef } from "../../routing/ward-ref.js";
import { posterLayout } from "./poster-layout.js";
import { POSTER_FONTS, posterPdf } from "./poster-pdf.js";
import { posterPng } from "./poster-png.js";
import type { PosterTexts } from "./poster-texts.js";
import type { ReportLinks } from "../report-link.js";

export interface PosterOptions {
  format: "png" | "pdf";
  signingKey: KeyRing;
  texts: PosterTexts;
  /** The bot's links printed in the footer, the Telegram one also as a small second code. */
  links: ReportLinks;
  issuedAt?: Date;
  /** PNG resolution; default 150 dpi (1240 × 1754 px). */
  dpi?: number;
  /** PDF fonts; default: DejaVu Sans from npm (POSTER_FONTS). */
  fonts?: { regular: string; bold: string };
}

/** A venue's official A4 poster carrying its signed payload, as PNG or PDF bytes. */
export async function renderOfficialPoster(
  venue: Pick<VenueRef, "code" | "name" | "address">,
  ward: WardRef,
  opts: PosterOptions,
): Promise<{ bytes: Buffer; payload: string }> {
  const payload = signPayload(venue.code, opts.signingKey);
  const items = posterLayout({ venue, ward, payload, issuedAt: opts.issuedAt ?? new Date(), texts: opts.texts, links: opts.links });
  const bytes =
    opts.format === "png" ? await posterPng(items, opts.dpi) : await posterPdf(items, opts.fonts ?? POSTER_FONTS, `${venue.name} (${venue.code})`);
  return { bytes, payload };
}
