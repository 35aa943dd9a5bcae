import type { BitImage } from "./binarize.js";

/** A finder pattern's centre and module size, in pixels. */
export interface Finder {
  x: number;
  y: number;
  module: number;
}

interface Component {
  area: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  sumX: number;
  sumY: number;
}

const MAX_FINDERS = 16;

/**
 * Finds finder patterns as a dark core whose four sides, past one light gap, all reach the
 * same dark ring. Unlike scan-line ratios this survives the bent rows of a print on cloth,
 * where a straight line through the pattern rarely crosses it at 1:1:3:1:1.
 */
export function findFinders(image: BitImage): Finder[] {
  const { labels, components } = label(image);
  const found: Finder[] = [];
  for (let id = 1; id < components.length; id++) {
    const core = components[id]!;
    if (core.area < 4) continue;
    const ringId = enclosingRing(image, labels, id, core);
    if (ringId === undefined) continue;
    const ring = components[ringId]!;
    const finder = asFinder(core, ring);
    if (finder) found.push(finder);
  }
  return found.slice(0, MAX_FINDERS);
}

function asFinder(core: Component, ring: Component): Finder | undefined {
  const coreSize = (core.maxX - core.minX + core.maxY - core.minY + 2) / 2;
  const ringW = ring.maxX - ring.minX + 1;
  const ringH = ring.maxY - ring.minY + 1;
  const ringSize = (ringW + ringH) / 2;
  // Ideal: ring 7 modules wide around a 3-module core, 24 dark modules against 9.
  const sizeRatio = ringSize / coreSize;
  const areaRatio = ring.area / core.area;
  if (sizeRatio < 1.5 || sizeRatio > 4 || areaRatio < 1.2 || areaRatio > 6) return undefined;
  if (Math.max(ringW, ringH) > 2.5 * Math.min(ringW, ringH)) return undefined;
  const cx = core.sumX / core.area;
  const cy = core.sumY / core.area;
  const offset = Math.hypot(ring.sumX / ring.area - cx, ring.sumY / ring.area - cy);
  if (offset > 0.25 * ringSize) return undefined;
  return { x: cx + 0.5, y: cy + 0.5, module: ringSize / 7 };
}

/** The component every straight walk out of the core reaches after one light gap. */
function enclosingRing(image: BitImage, labels: Int32Array, id: number, core: Component): number | undefined {
  const cx = Math.round(core.sumX / core.area);
  const cy = Math.round(core.sumY / core.area);
  if (labels[cy * image.width + cx] !== id) return undefined;
  const limit = 3 * Math.max(core.maxX - core.minX + 1, core.maxY - core.minY + 1);
  let ring: number | undefined;
  for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
    const hit = walk(image, labels, id, cx, cy, dx, dy, limit);
    if (hit === undefined || (ring !== undefined && hit !== ring)) return undefined;
    ring = hit;
  }
  return ring;
}

function walk(image: BitImage, labels: Int32Array, id: number, x: number, y: number, dx: number, dy: number, limit: number) {
  let gap = 0;
  for (let step = 0; step < limit; step++) {
    x += dx;
    y += dy;
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return undefined;
    const here = labels[y * image.width + x]!;
    if (here === id) {
      if (gap > 0) return undefined;
    } else if (here === 0) {
      gap++;
    } else {
      return gap > 0 ? here : undefined;
    }
  }
  return undefined;
}

/** 4-connected dark components: two passes with union-find. */
function label(image: BitImage): { labels: Int32Array; components: Component[] } {
  const { bits, width, height } = image;
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (!bits[i]) continue;
      const left = x > 0 ? labels[i - 1]! : 0;
      const up = y > 0 ? labels[i - width]! : 0;
      if (!left && !up) {
        labels[i] = parent.length;
        parent.push(parent.length);
      } else if (left && up && left !== up) {
        const a = find(left);
        const b = find(up);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        labels[i] = Math.min(a, b);
      } else {
        labels[i] = left || up;
      }
    }
  }
  const roots = new Int32Array(parent.length);
  const components: Component[] = [emptyComponent()];
  for (let l = 1; l < parent.length; l++) {
    const root = find(l);
    if (roots[root] === 0) {
      roots[root] = components.length;
      components.push(emptyComponent());
    }
    roots[l] = roots[root]!;
  }
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (!labels[i]) continue;
      const id = roots[labels[i]!]!;
      labels[i] = id;
      const c = components[id]!;
      c.area++;
      c.sumX += x;
      c.sumY += y;
      if (x < c.minX) c.minX = x;
      if (x > c.maxX) c.maxX = x;
      if (y < c.minY) c.minY = y;
      if (y > c.maxY) c.maxY = y;
    }
  }
  return { labels, components };
}

function emptyComponent(): Component {
  return { area: 0, minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity, sumX: 0, sumY: 0 };
}
