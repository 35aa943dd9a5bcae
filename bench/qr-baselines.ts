import sharp from "sharp";
import { readWithJsQr, readWithZxing, type EngineCode } from "../services/qr/engines.js";
import { toPixels } from "../services/qr/load-image.js";

/** A decoder under test: photo bytes in, decoded texts out. */
export type BenchDecoder = (bytes: Buffer) => Promise<string[]>;

async function plainPixels(bytes: Buffer) {
  return toPixels(sharp(bytes, { pages: 1 }).rotate());
}

/** jsQR alone on the RGBA image as is (no preprocessing, no round-trip check). */
export const jsqrAlone: BenchDecoder = async (bytes) => {
  const pixels = await plainPixels(bytes);
  return texts(readWithJsQr(pixels, { verifyText: false }));
};

/** zxing-wasm alone with tryHarder on the RGBA image as is. */
export const zxingAlone: BenchDecoder = async (bytes) => {
  const pixels = await plainPixels(bytes);
  return texts(await readWithZxing(pixels, { tryHarder: true, tryInvert: false, tryDenoise: false, binarizer: "LocalAverage" }));
};

function texts(codes: EngineCode[]): string[] {
  return codes.map((code) => code.text);
}
