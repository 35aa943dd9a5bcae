import QRCode from "qrcode";
import sharp, { type OverlayOptions } from "sharp";
import "../../platform/fonts.js";
import { warpOnto, type Quad } from "./photo-warp.js";

/**
 * Realistic check-in posters and synthetic "phone photos" of them, for decoder, bot and
 * registry tests. Everything is deterministic: the same inputs give the same bytes.
 */

export interface PosterSpec {
  /** The exact text the QR code holds. */
  payload: string;
  venueName: string;
  address: string;
  /** Small line under the address, e.g. the issuing ward. */
  footer?: string;
}

/** librsvg picks fonts through fontconfig; DejaVu Sans (from npm, platform/fonts.ts) covers Vietnamese diacritics. */
const FONT = "DejaVu Sans, sans-serif";
export const POSTER_SIZE = { width: 1240, height: 1754 } as const;
const QR_SIZE = 820;
const QR_TOP = 380;

/** An A4 portrait poster (1240×1754 PNG): header, the QR code, venue name and address. */
export async function renderTestPoster(spec: PosterSpec): Promise<Buffer> {
  const qr = await QRCode.toBuffer(spec.payload, {
    errorCorrectionLevel: "M",
    margin: 4,
    width: QR_SIZE,
    color: { dark: "#000000", light: "#ffffff" },
  });
  const { width, height } = POSTER_SIZE;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="#ffffff"/>
  <rect width="100%" height="300" fill="#c8102e"/>
  <text x="50%" y="125" font-family="${FONT}" font-size="64" font-weight="bold" fill="#ffffff" text-anchor="middle">MÃ QR ĐIỂM KIỂM DỊCH</text>
  <text x="50%" y="215" font-family="${FONT}" font-size="42" fill="#fff3c4" text-anchor="middle">Quét mã để khai báo y tế khi ra vào</text>
  <rect x="${(width - QR_SIZE) / 2 - 12}" y="${QR_TOP - 12}" width="${QR_SIZE + 24}" height="${QR_SIZE + 24}" fill="none" stroke="#c8102e" stroke-width="6"/>
  ${textLines(wrap(spec.venueName, 30), QR_TOP + QR_SIZE + 110, 58, "bold", "#1a1a1a", 70)}
  ${textLines(wrap(spec.address, 44), QR_TOP + QR_SIZE + 270, 38, "normal", "#333333", 50)}
  <text x="50%" y="${height - 60}" font-family="${FONT}" font-size="30" fill="#666666" text-anchor="middle">${escapeXml(spec.footer ?? "Sở Y tế Thừa Thiên Huế · Hotline 1900 9095")}</text>
</svg>`;
  return sharp(Buffer.from(svg))
    .composite([{ input: qr, left: (width - QR_SIZE) / 2, top: QR_TOP }])
    .png()
    .toBuffer();
}

export interface PhotoOptions {
  /** Scene size in pixels; default 1280×960. Use 4032×3024 for a 12 MP phone photo. */
  width?: number;
  height?: number;
  /** Poster height as a fraction of the scene height (default 0.85; 0.2 = small poster in a wide scene). */
  posterFraction?: number;
  /** Poster centre offset from the scene centre, in fractions of the scene size (default 0, 0). */
  offset?: { x: number; y: number };
  /** In-plane rotation in degrees. */
  rotateDeg?: number;
  /** Keystone: how much narrower the top edge is than the bottom (0..0.5; negative narrows the bottom). */
  perspective?: number;
  /** Gaussian blur sigma in scene pixels (out of focus / shake). */
  blurSigma?: number;
  /** JPEG quality of the result (default 85; 20 gives heavy artefacts). */
  jpegQuality?: number;
  /** Exposure multiplier (default 1; 0.3 is a dim corridor), with sensor noise added when below 1. */
  light?: number;
  /** A specular reflection on the poster's laminate, centred near the upper left of the code. */
  glare?: boolean;
}

/** A JPEG "phone photo" of one poster on a brick wall. */
export async function photograph(poster: Buffer, options: PhotoOptions = {}): Promise<Buffer> {
  return photographScene([{ poster, ...options }], options);
}

export interface ScenePoster extends Pick<PhotoOptions, "posterFraction" | "offset" | "rotateDeg" | "perspective"> {
  poster: Buffer;
}

/** A JPEG photo of several posters on one wall (e.g. two venues' posters side by side). */
export async function photographScene(posters: ScenePoster[], options: PhotoOptions = {}): Promise<Buffer> {
  const width = options.width ?? 1280;
  const height = options.height ?? Math.round((width * 3) / 4);
  const scene = await sharp(Buffer.from(wallSvg(width, height))).ensureAlpha().raw().toBuffer();
  const quads: Quad[] = [];
  for (const item of posters) {
    const quad = posterQuad(item, width, height);
    quads.push(quad);
    const { data, info } = await sharp(item.poster)
      .resize({ height: Math.max(8, Math.round(quadHeight(quad))) })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    warpOnto(scene, width, height, data, info.width, info.height, quad);
  }
  const light = options.light ?? 1;
  const overlays: OverlayOptions[] = [];
  if (options.glare && quads[0]) overlays.push({ input: Buffer.from(glareSvg(width, height, quads[0])), blend: "screen" });
  if (light < 1) overlays.push({ input: await noise(width, height, Math.round(8 + 20 * (1 - light))), blend: "overlay" });
  let image = sharp(scene, { raw: { width, height, channels: 4 } }).removeAlpha();
  if (options.blurSigma && options.blurSigma >= 0.3) image = image.blur(options.blurSigma);
  if (light !== 1) image = image.linear(light, 6);
  if (overlays.length > 0) image = sharp(await image.png({ compressionLevel: 0 }).toBuffer()).composite(overlays);
  return image.jpeg({ quality: options.jpegQuality ?? 85 }).toBuffer();
}

function posterQuad(item: ScenePoster, width: number, height: number): Quad {
  const h = height * (item.posterFraction ?? 0.85);
  const w = (h * POSTER_SIZE.width) / POSTER_SIZE.height;
  const cx = width / 2 + (item.offset?.x ?? 0) * width;
  const cy = height / 2 + (item.offset?.y ?? 0) * height;
  const p = item.perspective ?? 0;
  const top = (w / 2) * (1 - Math.max(0, p));
  const bottom = (w / 2) * (1 + Math.min(0, p));
  const corners = [
    { x: -top, y: -h / 2 },
    { x: top, y: -h / 2 },
    { x: bottom, y: h / 2 },
    { x: -bottom, y: h / 2 },
  ];
  const a = ((item.rotateDeg ?? 0) * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  return corners.map(({ x, y }) => ({ x: cx + x * c - y * s, y: cy + x * s + y * c })) as Quad;
}

function quadHeight(quad: Quad): number {
  return Math.max(Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y), Math.hypot(quad[2].x - quad[1].x, quad[2].y - quad[1].y));
}

function wallSvg(width: number, height: number): string {
  const brick = Math.max(12, Math.round(width / 40));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><pattern id="b" width="${brick * 2}" height="${brick}" patternUnits="userSpaceOnUse">
    <rect width="${brick * 2}" height="${brick}" fill="#9c5a3c"/>
    <path d="M0 0H${brick * 2}M0 ${brick / 2}H${brick * 2}M${brick / 2} 0V${brick / 2}M${(brick * 3) / 2} ${brick / 2}V${brick}" stroke="#d8cfc4" stroke-width="${Math.max(1, brick / 12)}"/>
  </pattern>
  <linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0.15"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#b)"/><rect width="100%" height="100%" fill="url(#g)"/>
</svg>`;
}

function glareSvg(width: number, height: number, quad: Quad): string {
  // The code sits in the upper-middle of the poster; put the hot spot over its upper left.
  const cx = quad[0].x + (quad[1].x - quad[0].x) * 0.35 + (quad[3].x - quad[0].x) * 0.3;
  const cy = quad[0].y + (quad[1].y - quad[0].y) * 0.35 + (quad[3].y - quad[0].y) * 0.3;
  const r = quadHeight(quad) * 0.16;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><radialGradient id="r"><stop offset="0" stop-color="#fff" stop-opacity="0.92"/><stop offset="0.6" stop-color="#fff" stop-opacity="0.5"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
  <ellipse cx="${cx}" cy="${cy}" rx="${r * 1.6}" ry="${r}" fill="url(#r)"/>
</svg>`;
}

async function noise(width: number, height: number, sigma: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma } } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

function wrap(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

function textLines(lines: string[], y: number, size: number, weight: string, fill: string, step: number): string {
  return lines
    .map(
      (line, i) =>
        `<text x="50%" y="${y + i * step}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle">${escapeXml(line)}</text>`,
    )
    .join("\n  ");
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
