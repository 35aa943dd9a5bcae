import { readWithJsQr, readWithZxing, type EngineCode, type EngineName, type Point } from "./engines.js";
import { readWarped } from "./warped/read-warped.js";
import { inspectImage, readableImage, type ImageFacts } from "./load-image.js";
import { ATTEMPTS, type Attempt, type VariantName } from "./strategy.js";
import { variantSource, type Variant } from "./variants.js";

export interface DecodedCode {
  text: string;
  /** The code's raw payload bytes, base64. */
  bytes: string;
  /** Corners clockwise from the code's top left, in pixels of the upright full-size photo. */
  corners: Point[];
  engine: EngineName;
  variant: VariantName;
}

export interface AttemptTrace {
  engine: EngineName;
  variant: VariantName;
  ms: number;
  found: number;
}

/** Plain JSON-safe data: it crosses a worker boundary and may be stored as evidence. */
export interface DecodeResult {
  outcome: "decoded" | "no_code_found";
  codes: DecodedCode[];
  image: ImageFacts;
  attempts: AttemptTrace[];
  ms: number;
}

export interface DecodeOptions {
  /** Stop trying further variants after this long and return what was found (default 1500). */
  budgetMs?: number;
}

export const DEFAULT_BUDGET_MS = 1500;

/**
 * Reads every QR code in a photo. Throws ImageRejectedError for uploads that are not a
 * usable image; otherwise always returns, "no_code_found" included.
 */
export async function decodeQr(input: Uint8Array, options: DecodeOptions = {}): Promise<DecodeResult> {
  const started = performance.now();
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const upload = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const { bytes, format } = await readableImage(upload);
  const image = await inspectImage(bytes, format);
  const variants = variantSource(bytes, image);
  const attempts: AttemptTrace[] = [];
  let codes: DecodedCode[] = [];
  for (const attempt of ATTEMPTS) {
    if (performance.now() - started >= budget) break;
    const t0 = performance.now();
    const variant = await variants.get(attempt.variant);
    if (!variant) continue;
    const found = await read(attempt, variant, started + budget);
    attempts.push({ engine: attempt.engine, variant: attempt.variant, ms: round(performance.now() - t0), found: found.length });
    if (found.length > 0) {
      codes = found.map((code) => toDecoded(code, attempt, variant));
      break;
    }
  }
  return {
    outcome: codes.length > 0 ? "decoded" : "no_code_found",
    codes,
    image,
    attempts,
    ms: round(performance.now() - started),
  };
}

function read(attempt: Attempt, variant: Variant, deadline: number): Promise<EngineCode[]> | EngineCode[] {
  if (attempt.engine === "jsqr") return readWithJsQr(variant.pixels);
  if (attempt.engine === "mesh") return readWarped(variant.pixels, deadline);
  if (!attempt.zxing) throw new Error("a zxing attempt needs its settings");
  return readWithZxing(variant.pixels, attempt.zxing);
}

function toDecoded(code: EngineCode, attempt: Attempt, variant: Variant): DecodedCode {
  return {
    text: code.text,
    bytes: Buffer.from(code.bytes).toString("base64"),
    corners: code.corners.map((p) => ({ x: round(p.x / variant.scale), y: round(p.y / variant.scale) })),
    engine: attempt.engine,
    variant: attempt.variant,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
