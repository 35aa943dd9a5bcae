import type { EngineName, ZxingSettings } from "./engines.js";

/** Which picture an attempt reads: see variants.ts. */
export type VariantName = "base" | "up2" | "full";

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
 * The attempts in order, cheapest reliable reader first; decoding stops at the first attempt
 * that reads anything. Measured on the ZXing black-box set (179 photos with a code, 25 without;
 * see the report of issue 3 and `npm run bench:qr`):
 * - zxing, local-average binarizer, on the image as loaded: 166 correct, median 4 ms;
 * - zxing with the global-histogram binarizer: +2 (uneven prints the local binarizer splits);
 * - zxing with denoising (morphological closing): +1;
 * - the image enlarged twice, for codes with modules under ~2 px: +1 more;
 * - the full-resolution image, only when it was shrunk on load: small codes in 12 MP scenes;
 * - zxing with inversion: light-on-dark codes (none in the set; posters printed negative exist);
 * - jsQR last: it read nothing the zxing attempts missed, and is 2–3× slower.
 */
export const ATTEMPTS: readonly Attempt[] = [
  zxing("base"),
  zxing("base", { binarizer: "GlobalHistogram" }),
  zxing("base", { tryDenoise: true }),
  zxing("up2"),
  zxing("full"),
  zxing("base", { tryInvert: true }),
  { engine: "jsqr", variant: "base" },
];
