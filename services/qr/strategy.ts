import type { EngineName, ZxingSettings } from "./engines.js";

/** Which picture an attempt reads: see variants.ts. */
export type VariantName = "base" | "full";

export interface Attempt {
  engine: EngineName;
  variant: VariantName;
  zxing?: ZxingSettings;
}

const zxing = (variant: VariantName, overrides: Partial<ZxingSettings> = {}): Attempt => ({
  engine: "zxing",
  variant,
  zxing: { tryHarder: true, tryInvert: false, tryDenoise: false, binarizer: "LocalAverage", ...overrides },
});

/**
 * The attempts in order; decoding stops at the first attempt that reads anything. Measured
 * with `npm run bench:qr` on the ZXing black-box set (179 photos with a code, 25 without):
 * - zxing, local-average binarizer, on the image as loaded: 166 correct, median 4.5 ms;
 * - zxing with the global-histogram binarizer: +2 (4/09, 4/34: uneven prints), ~2 ms more;
 * - zxing with denoising (morphological closing): +1 (2/28), ~3 ms more;
 * - the full-resolution image, only when it was shrunk on load: small codes in 12 MP scenes;
 * - zxing with inversion: light-on-dark codes (none in the set, but negative posters exist);
 * - last, the mesh sampler for prints on cloth or bent over a curve (services/qr/warped):
 *   +8, all eight T-shirt photos of qrcode-4, in 30–75 ms each; on the 25 photos without a
 *   code it finds no finder triple or fails error correction, median 20 ms for the whole chain.
 * Left out after measuring: jsQR (it read nothing these attempts miss, returned wrong or empty
 * text for 11 Shift_JIS/Kanji codes, and costs 100–200 ms on a 0.2 MP photo without a code),
 * 2× enlargement (its only rescues are already read above; +50 ms on photos without a code),
 * normalise, sharpen, median, CLAHE, blur and fixed thresholds (no rescue beyond the above).
 */
export const ATTEMPTS: readonly Attempt[] = [
  zxing("base"),
  zxing("base", { binarizer: "GlobalHistogram" }),
  zxing("base", { tryDenoise: true }),
  zxing("full"),
  zxing("base", { tryInvert: true }),
  { engine: "mesh", variant: "base" },
];
