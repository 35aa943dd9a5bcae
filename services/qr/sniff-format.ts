import { ImageRejectedError } from "./errors.js";

export type AcceptedFormat = "jpeg" | "png" | "webp" | "gif" | "tiff" | "heic";

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"]);

/**
 * Tells the format from the first bytes, before sharp sees them, so that a HEIC photo sent
 * as a file goes to its own decoder and other images we do not take are told apart from junk.
 */
export function sniffFormat(bytes: Buffer): AcceptedFormat {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString("latin1");
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(0, 4) === "GIF8") return "gif";
  if (ascii(0, 4) === "II*\0" || ascii(0, 4) === "MM\0*") return "tiff";
  if (ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (HEIF_BRANDS.has(brand)) return "heic";
    if (brand === "avif" || brand === "avis") throw new ImageRejectedError("unsupported_format", "AVIF");
  }
  const other = otherImageFormat(bytes);
  if (other) throw new ImageRejectedError("unsupported_format", other);
  throw new ImageRejectedError("not_image");
}

function otherImageFormat(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 256).toString("latin1");
  if (head.startsWith("BM")) return "BMP";
  if (head.startsWith("8BPS")) return "PSD";
  if (head.startsWith("\0\0\x01\0")) return "ICO";
  if (head.startsWith("\xff\x0a") || head.startsWith("\0\0\0\x0cJXL ")) return "JPEG XL";
  if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head)) return "SVG";
  if (head.startsWith("%PDF")) return "PDF";
  return undefined;
}
