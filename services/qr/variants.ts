import type { Pixels } from "./engines.js";
import { renderPixels, type ImageFacts } from "./load-image.js";
import type { VariantName } from "./strategy.js";

/**
 * Long side of the image the first attempts read. A 12 MP JPEG shrinks on load (libjpeg
 * DCT scaling), which is most of the win: a poster filling the frame still has 10+ px per
 * module at this size, and zxing reads 1.6 MP in ~20 ms against ~300 ms at 12 MP.
 */
export const BASE_MAX_SIDE = 1600;
/** The full-resolution retry is capped to keep one attempt within the time budget. */
const FULL_MAX_SIDE = 4096;

export interface Variant {
  pixels: Pixels;
  /** Variant pixels per upright original pixel. */
  scale: number;
}

/** Builds each preprocessing variant at most once per photo, and only when an attempt asks. */
export function variantSource(bytes: Buffer, facts: ImageFacts) {
  const built = new Map<VariantName, Promise<Variant | undefined>>();
  const longSide = Math.max(facts.width, facts.height);
  const scaled = (pixels: Pixels): Variant => ({ pixels, scale: pixels.width / facts.width });

  async function build(name: VariantName): Promise<Variant | undefined> {
    switch (name) {
      case "base":
        return scaled(await renderPixels(bytes, { maxSide: BASE_MAX_SIDE }));
      case "full":
        if (longSide <= BASE_MAX_SIDE) return undefined;
        return scaled(await renderPixels(bytes, { maxSide: FULL_MAX_SIDE }));
    }
  }

  function get(name: VariantName): Promise<Variant | undefined> {
    let variant = built.get(name);
    if (!variant) built.set(name, (variant = build(name)));
    return variant;
  }
  return { get };
}
