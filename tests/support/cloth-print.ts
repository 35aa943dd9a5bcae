import QRCode from "qrcode";
import sharp from "sharp";

export interface ClothPrint {
  payload: string;
  /** Peak sideways displacement of the wave, in modules. */
  amplitude: number;
  /** Wavelength of the wave, in code widths. */
  period: number;
  /** Replace the data modules with noise, keeping the finder, timing and alignment patterns. */
  scrambleData?: boolean;
}

const MODULE_PX = 11;
const QUIET_MODULES = 4;
const CLOTH = 25;
const INK = 20;
const FABRIC = 237;

/**
 * A QR code printed on a white patch on dark cloth and photographed where the cloth waves:
 * every point shifts sideways by a sine of its height and up or down by a sine of its width,
 * so rows and columns of modules bend, which no perspective transform undoes. Returns the
 * JPEG and the code's corners in it.
 */
export async function photographClothPrint(print: ClothPrint) {
  const code = QRCode.create(print.payload, { errorCorrectionLevel: "M" });
  const size = code.modules.size;
  const dark = (row: number, col: number) => {
    const index = row * size + col;
    if (print.scrambleData && !code.modules.reservedBit[index]) return noise(index);
    return code.modules.data[index] === 1;
  };
  const side = (size + 2 * QUIET_MODULES) * MODULE_PX;
  const width = side + 240;
  const height = side + 160;
  const amplitude = print.amplitude * MODULE_PX;
  const wavelength = print.period * size * MODULE_PX;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x - 120 + amplitude * Math.sin((2 * Math.PI * y) / wavelength);
      const v = y - 80 + amplitude * Math.sin((2 * Math.PI * x) / (1.3 * wavelength));
      const col = Math.floor(u / MODULE_PX) - QUIET_MODULES;
      const row = Math.floor(v / MODULE_PX) - QUIET_MODULES;
      const onPatch = u >= 0 && v >= 0 && u < side && v < side;
      const inCode = row >= 0 && col >= 0 && row < size && col < size;
      pixels.fill(!onPatch ? CLOTH : inCode && dark(row, col) ? INK : FABRIC, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } }).blur(0.8).jpeg({ quality: 85 }).toBuffer();
  const origin = { x: 120 + QUIET_MODULES * MODULE_PX, y: 80 + QUIET_MODULES * MODULE_PX };
  return { jpeg, width, height, size, modulePx: MODULE_PX, origin };
}

/** Deterministic noise per module index, so a scrambled print is the same in every run. */
function noise(index: number): boolean {
  let h = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return ((h ^ (h >>> 16)) & 1) === 1;
}
