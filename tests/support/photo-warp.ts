/** A point in image pixels. */
export interface Point {
  x: number;
  y: number;
}
/** Corners clockwise from the top left. */
export type Quad = [Point, Point, Point, Point];

/**
 * Draws the RGBA image `src` into the RGBA `scene` so that its corners land on `quad`
 * (a perspective warp, bilinear sampling). sharp has only affine transforms, and a
 * keystoned poster is the most common real distortion, so this is done by hand.
 */
export function warpOnto(scene: Buffer, sw: number, sh: number, src: Buffer, w: number, h: number, quad: Quad): void {
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: w, y: 0 },
    { x: w, y: h },
    { x: 0, y: h },
  ];
  const m = homography(quad, rect);
  const x0 = Math.max(0, Math.floor(Math.min(...quad.map((p) => p.x))));
  const x1 = Math.min(sw - 1, Math.ceil(Math.max(...quad.map((p) => p.x))));
  const y0 = Math.max(0, Math.floor(Math.min(...quad.map((p) => p.y))));
  const y1 = Math.min(sh - 1, Math.ceil(Math.max(...quad.map((p) => p.y))));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const d = m[6]! * px + m[7]! * py + 1;
      const u = (m[0]! * px + m[1]! * py + m[2]!) / d - 0.5;
      const v = (m[3]! * px + m[4]! * py + m[5]!) / d - 0.5;
      if (u < -0.5 || v < -0.5 || u > w - 0.5 || v > h - 0.5) continue;
      const ux = Math.min(w - 1, Math.max(0, u));
      const vy = Math.min(h - 1, Math.max(0, v));
      const ix = Math.min(w - 2, Math.floor(ux));
      const iy = Math.min(h - 2, Math.floor(vy));
      const fx = ux - ix;
      const fy = vy - iy;
      const o = (y * sw + x) * 4;
      for (let c = 0; c < 3; c++) {
        const i = (iy * w + ix) * 4 + c;
        const top = src[i]! * (1 - fx) + src[i + 4]! * fx;
        const bottom = src[i + w * 4]! * (1 - fx) + src[i + w * 4 + 4]! * fx;
        scene[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
      scene[o + 3] = 255;
    }
  }
}

/** The 3×3 projective matrix (row-major, m[8] = 1) mapping `from` corners onto `to` corners. */
function homography(from: Quad, to: Quad): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  return solve(a);
}

/** Gaussian elimination with partial pivoting on an augmented 8×9 matrix. */
function solve(a: number[][]): number[] {
  const n = a.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const row = a[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / row[col]!;
      for (let c = col; c <= n; c++) a[r]![c]! -= f * row[c]!;
    }
  }
  return [...a.map((row, i) => row[n]! / row[i]!), 1];
}
