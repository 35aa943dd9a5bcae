import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeQr } from "../../../services/qr/decode-qr.js";
import { reportLinks, venueCodeText } from "../../../services/registry/report-link.js";
import { createCodeVerifier } from "../../../services/registry/verify-code.js";
import { renderOfficialPoster } from "../../../services/registry/poster/render-poster.js";
import { posterTexts } from "../../../services/registry/poster/poster-texts.js";

const KEY = "test-registry-key-0123456789";
const i18n = new I18n({ defaultLocale: "vi" });
i18n.loadLocalesDirSync(fileURLToPath(new URL("../../../locales", import.meta.url)));
const texts = posterTexts(i18n);
const venue = { code: "HUE-0001", name: "Quán cà phê Sông Hương Nguyễn Đình Chiểu", address: "12 Lê Lợi, phường Phú Xuân, thành phố Huế" };
const links = reportLinks({ botUsername: "qr_checkin_report_bot", zaloOaId: "1234567890123456789" });
const ward = { code: "19753", name: "Phú Xuân", kind: "Phường", provinceCode: "46", provinceName: "Thành phố Huế" };

describe("official posters", () => {
  it("texts come from both locales, Vietnamese with its diacritics", () => {
    expect(texts.title).toEqual({ vi: "MÃ QR CHECK-IN CHÍNH THỨC", en: "OFFICIAL CHECK-IN QR CODE" });
  });

  it("renders an A4 PNG whose QR decodes to the venue's signed payload", async () => {
    const { bytes, payload } = await renderOfficialPoster(venue, ward, { format: "png", signingKey: KEY, texts, links, issuedAt: new Date("2026-11-23") });
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "png", width: 1240, height: 1754 });
    expect((await decodeQr(bytes)).codes.map((c) => c.text)).toContain(payload);
    expect(payload).toMatch(/^VNQR1:HUE-0001:/);
  });

  it("renders a one-page A4 PDF with a font that has Vietnamese glyphs embedded", async () => {
    const { bytes } = await renderOfficialPoster(venue, ward, { format: "pdf", signingKey: KEY, texts, links });
    const pdf = bytes.toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    expect(pdf).not.toContain("/Helvetica");
  });

  it("carries a second, smaller code linking to the bot, which the verifier tells apart as ours, not a venue's", async () => {
    const { bytes, payload } = await renderOfficialPoster(venue, ward, { format: "png", signingKey: KEY, texts, links, issuedAt: new Date("2026-11-23") });
    const decoded = await decodeQr(bytes);
    expect(decoded.codes.map((c) => c.text).sort()).toEqual([payload, "https://t.me/qr_checkin_report_bot"].sort());
    const link = decoded.codes.find((c) => c.text !== payload)!;
    const big = decoded.codes.find((c) => c.text === payload)!;
    const side = (c: typeof link) => Math.hypot(c.corners[1]!.x - c.corners[0]!.x, c.corners[1]!.y - c.corners[0]!.y);
    expect(side(link)).toBeLessThan(side(big) / 3);
    expect(venueCodeText(decoded.codes, links)).toBe(payload);
    const verifier = createCodeVerifier({ venues: { byCode: async () => undefined, byPayload: async () => undefined }, directory: { locate: () => undefined }, signingKey: KEY, maxDistanceM: 200, reportLinks: links });
    expect(await verifier.verifyCode(link.text)).toEqual({ verdict: "foreign", reason: "report_link" });
    expect(await verifier.verifyCode("https://zalo.me/1234567890123456789")).toEqual({ verdict: "foreign", reason: "report_link" });
    expect(await verifier.verifyCode(payload)).toEqual({ verdict: "unregistered", reason: "unknown_venue" });
  });
});
