import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as jsqrModule from "jsqr";
import type { Options as JsQrOptions, QRCode } from "jsqr";
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";

/** A point in pixels of the image it was found in. */
export interface Point {
  x: number;
  y: number;
}

/** RGBA pixels, as sharp's `.ensureAlpha().raw()` gives them. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** One code an engine read, corners clockwise from the code's own top left. */
export interface EngineCode {
  text: string;
  bytes: Uint8Array;
  corners: [Point, Point, Point, Point];
}

/** "mesh": our sampler for bent prints (services/qr/warped), with zxing correcting what it samples. */
export type EngineName = "zxing" | "jsqr" | "mesh";

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options: JsQrOptions) => QRCode | null;
// jsqr is a UMD bundle typed as an ES module; what its default import yields differs between
// Node's ESM loader and bundlers, so take whichever value is callable.
const jsqrExport: unknown = jsqrModule.default;
const jsQR = (typeof jsqrExport === "function" ? jsqrExport : (jsqrExport as { default: JsQr }).default) as JsQr;

/**
 * jsQR 1.4.0 merges the options it is given into one shared default object, so a partial
 * object passed once would leak into every later call: always pass every option.
 */
export interface JsQrSettings {
  /** Look for light-on-dark codes instead of dark-on-light. */
  invert?: boolean;
  /** Accept only text that is exactly the UTF-8 reading of the bytes (default true; see roundTrips). */
  verifyText?: boolean;
}

export function readWithJsQr(pixels: Pixels, settings: JsQrSettings = {}): EngineCode[] {
  // Required<>: every option, every call (see above).
  const options: Required<JsQrOptions> = { inversionAttempts: settings.invert ? "onlyInvert" : "dontInvert" };
  const code = jsQR(pixels.data, pixels.width, pixels.height, options);
  if (!code || ((settings.verifyText ?? true) && !roundTrips(code))) return [];
  const { topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner } = code.location;
  return [
    {
      text: code.data,
      bytes: Uint8Array.from(code.binaryData),
      corners: [topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner],
    },
  ];
}

export interface ZxingSettings {
  tryHarder: boolean;
  tryInvert: boolean;
  tryDenoise: boolean;
  binarizer: "LocalAverage" | "GlobalHistogram";
  /** The image is nothing but one upright code on a clean grid (a redrawn mesh sample). */
  isPure?: boolean;
}

let zxingReady: Promise<unknown> | undefined;

/**
 * zxing-wasm fetches its .wasm from a CDN unless given the bytes; these machines have no
 * network and production should not depend on one, so the file comes from node_modules.
 */
export function loadZxing(): Promise<unknown> {
  zxingReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const file = await readFile(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
    const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return zxingReady;
}

export async function readWithZxing(pixels: Pixels, settings: ZxingSettings): Promise<EngineCode[]> {
  await loadZxing();
  const options: ReaderOptions = {
    formats: ["QRCode", "MicroQRCode"],
    tryHarder: settings.tryHarder,
    tryRotate: settings.tryHarder,
    tryInvert: settings.tryInvert,
    tryDenoise: settings.tryDenoise,
    tryDownscale: true,
    binarizer: settings.binarizer,
    isPure: settings.isPure ?? false,
    maxNumberOfSymbols: 16,
    // "HRI" (the default) renders control characters as <SOH>; we want the code's own text.
    textMode: "Plain",
  };
  // readBarcodes only reads width, height and data from an ImageData, which Node lacks.
  const results = await readBarcodes(pixels as unknown as Parameters<typeof readBarcodes>[0], options);
  return results
    .filter((r) => r.isValid)
    .map((r) => ({
      text: r.text,
      bytes: r.bytes,
      corners: [r.position.topLeft, r.position.topRight, r.position.bottomRight, r.position.bottomLeft],
    }));
}

/**
 * jsQR decodes Kanji mode and Shift_JIS bytes wrongly (empty or partial text on the ZXing
 * black-box set) and never reports ECI, so its text is trusted only when it is exactly the
 * UTF-8 reading of the code's bytes.
 */
function roundTrips(code: QRCode): boolean {
  if (code.data === "") return false;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(code.binaryData)) === code.data;
  } catch {
    return false;
  }
}
