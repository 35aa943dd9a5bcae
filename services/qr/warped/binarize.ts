import type { Pixels } from "../engines.js";

/** One byte per pixel: 1 where the photo is darker than its neighbourhood. */
export interface BitImage {
  bits: Uint8Array;
  width: number;
  height: number;
}

/**
 * Dark where a pixel is below the mean of the window around it. The window should be wide
 * enough that a finder pattern's 3×3 core stays dark, and narrow enough to follow the shading
 * across a creased or curved print: by default an eighth of the short side.
 */
export function binarize(pixels: Pixels, halfWindow?: number): BitImage {
  const { width, height, data } = pixels;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    gray[i] = (data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8;
  }
  const sums = integral(gray, width, height);
  const half = Math.round(halfWindow ?? Math.max(7, Math.min(50, Math.min(width, height) / 16)));
  const bits = new Uint8Array(width * height);
  const stride = width + 1;
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(width, x + half + 1);
      const total = sums[y1 * stride + x1]! - sums[y0 * stride + x1]! - sums[y1 * stride + x0]! + sums[y0 * stride + x0]!;
      const mean = total / ((x1 - x0) * (y1 - y0));
      // The small margin keeps flat paper (and flat shirt) from turning into speckle.
      bits[y * width + x] = gray[y * width + x]! < mean - 4 ? 1 : 0;
    }
  }
  return { bits, width, height };
}

function integral(gray: Uint8Array, width: number, height: number): Float64Array {
  const stride = width + 1;
  const sums = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += gray[y * width + x]!;
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1]! + row;
    }
  }
  return sums;
}
