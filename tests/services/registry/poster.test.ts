import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import jsQRModule from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderOfficialPoster } from "../../../services/registry/poster/render-poster.js";
import { posterTexts } from "../../../services/registry/poster/poster-texts.js";

// jsqr is CommonJS whose typings declare an ES default export; under NodeNext the function is `.default`.
const jsQR = jsQRModule.default;
const KEY = "test-registry-key-0123456789";
const i18n = new I18n({ defaultLocale: "vi" });
i18n.loadLocalesDirSync(fileURLToPath(new URL("../../../locales", import.meta.url)));
const texts = posterTexts(i18n);
const venue = { code: "HUE-0001", name: "Quán cà phê Sông Hương Nguyễn Đình Chiểu", address: "12 Lê Lợi, phường Phú Xuân, thành phố Huế" };
const ward = { code: "19753", name: "Phú Xuân", kind: "Phường", provinceCode: "46", provinceName: "Thành phố Huế" };

async function decode(png: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

describe("official posters", () => {
  it("texts come from both locales, Vietnamese with its diacritics", () => {
    expect(texts.title).toEqual({ vi: "MÃ QR CHECK-IN CHÍNH THỨC", en: "OFFICIAL CHECK-IN QR CODE" });
  });

  it("renders an A4 PNG whose QR decodes to the venue's signed payload", async () => {
    const { bytes, payload } = await renderOfficialPoster(venue, ward, { format: "png", signingKey: KEY, texts, issuedAt: new Date("2026-11-23") });
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "png", width: 1240, height: 1754 });
    expect(await decode(bytes)).toBe(payload);
    expect(payload).toMatch(/^VNQR1:HUE-0001:/);
  });

  it("renders a one-page A4 PDF with a font that has Vietnamese glyphs embedded", async () => {
    const { bytes } = await renderOfficialPoster(venue, ward, { format: "pdf", signingKey: KEY, texts });
    const pdf = bytes.toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    expect(pdf).not.toContain("/Helvetica");
  });
});
