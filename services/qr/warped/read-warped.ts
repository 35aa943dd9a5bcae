import sharp from "sharp";
import { readWithZxing, type EngineCode, type Pixels, type Point } from "../engines.js";
import { toPixels } from "../load-image.js";
import { binarize } from "./binarize.js";
import { findFinders, type Finder } from "./finder-patterns.js";
import { fitMeshes } from "./fit-mesh.js";
import { redraw } from "./redraw.js";
import { distance, locate, type Mesh } from "./mesh.js";

const MAX_TRIPLES = 4;

/**
 * Reads a code printed on a bent or creased surface: finds its finder patterns, fits a
 * flexible sampling mesh to its modules, and hands a clean redrawing to zxing, whose error
 * correction then vouches for the result (a bad fit fails Reed–Solomon, it does not misread).
 * Gives up with nothing once `deadline` (a performance.now() time) has passed.
 */
export async function readWarped(pixels: Pixels, deadline = Infinity): Promise<EngineCode[]> {
  for (const triple of triples(findFinders(binarize(pixels)))) {
    const { image, finders, toPhoto } = await closeUp(pixels, triple);
    const [topLeft, topRight, bottomLeft] = finders;
    for (const version of versionsFor(topLeft, topRight, bottomLeft)) {
      // One fit of a large version takes a few hundred ms: the photo's time budget is checked between fits.
      if (performance.now() >= deadline) return [];
      for (const mesh of fitMeshes(image, version, topLeft, topRight, bottomLeft)) {
        const codes = await readWithZxing(redraw(mesh, image), PURE);
        if (codes.length > 0) return codes.map((code) => ({ ...code, corners: outline(mesh).map(toPhoto) as EngineCode["corners"] }));
      }
    }
  }
  return [];
}

/** Pixels per module the mesh is fitted at: below about 8, probes a third of a module apart land on the same pixel. */
const CLOSE_UP_MODULE_PX = 10;

/**
 * The code's neighbourhood cropped and enlarged to about ten pixels per module, binarized
 * with a window of four modules, and the finders moved into it.
 */
async function closeUp(pixels: Pixels, [topLeft, topRight, bottomLeft]: [Finder, Finder, Finder]) {
  const module = (topLeft.module + topRight.module + bottomLeft.module) / 3;
  const bottomRight = { x: topRight.x + bottomLeft.x - topLeft.x, y: topRight.y + bottomLeft.y - topLeft.y };
  const corners = [topLeft, topRight, bottomLeft, bottomRight];
  const margin = 8 * module;
  const left = clamp(Math.floor(Math.min(...corners.map((p) => p.x)) - margin), 0, pixels.width - 1);
  const top = clamp(Math.floor(Math.min(...corners.map((p) => p.y)) - margin), 0, pixels.height - 1);
  const right = clamp(Math.ceil(Math.max(...corners.map((p) => p.x)) + margin), left + 1, pixels.width);
  const bottom = clamp(Math.ceil(Math.max(...corners.map((p) => p.y)) + margin), top + 1, pixels.height);
  const scale = clamp(CLOSE_UP_MODULE_PX / module, 1, 4);
  const width = Math.round((right - left) * scale);
  const height = Math.round((bottom - top) * scale);
  const crop = await toPixels(
    sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } })
      .extract({ left, top, width: right - left, height: bottom - top })
      .resize(width, height, { kernel: "cubic" }),
  );
  const into = (p: Finder): Finder => ({ x: (p.x - left) * scale, y: (p.y - top) * scale, module: p.module * scale });
  const toPhoto = (p: Point): Point => ({ x: p.x / scale + left, y: p.y / scale + top });
  return {
    image: binarize(crop, 4 * module * scale),
    finders: [into(topLeft), into(topRight), into(bottomLeft)] as const,
    toPhoto,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

const PURE = { tryHarder: false, tryInvert: false, tryDenoise: false, binarizer: "LocalAverage", isPure: true } as const;

/** Versions whose size fits the finder spacing, nearest first. */
function versionsFor(topLeft: Finder, topRight: Finder, bottomLeft: Finder): number[] {
  const span = (distance(topLeft, topRight) + distance(topLeft, bottomLeft)) / 2;
  const module = (topLeft.module + topRight.module + bottomLeft.module) / 3;
  const estimate = Math.round((span / module + 7 - 17) / 4);
  return [estimate, estimate - 1, estimate + 1].filter((v) => v >= 1 && v <= 40);
}

/**
 * Triples that could be one code's three finders: two sides from the top-left one of about
 * equal length at about a right angle, similar module sizes. Ordered so that the code's
 * top right is clockwise from its top left (the photo's y axis points down).
 */
function triples(finders: Finder[]): [Finder, Finder, Finder][] {
  const found: { score: number; triple: [Finder, Finder, Finder] }[] = [];
  for (let a = 0; a < finders.length; a++) {
    for (let b = 0; b < finders.length; b++) {
      for (let c = b + 1; c < finders.length; c++) {
        if (a === b || a === c) continue;
        const corner = finders[a]!;
        let right = finders[b]!;
        let down = finders[c]!;
        if (cross(corner, right, down) < 0) [right, down] = [down, right];
        const lengths = [distance(corner, right), distance(corner, down)];
        const ratio = Math.min(...lengths) / Math.max(...lengths);
        const cosine = dot(corner, right, down) / (lengths[0]! * lengths[1]!);
        const modules = [corner.module, right.module, down.module];
        const sizes = Math.min(...modules) / Math.max(...modules);
        if (ratio < 0.7 || Math.abs(cosine) > 0.4 || sizes < 0.5) continue;
        if (lengths[0]! < 10 * corner.module) continue;
        found.push({ score: ratio + sizes - Math.abs(cosine), triple: [corner, right, down] });
      }
    }
  }
  return found
    .sort((p, q) => q.score - p.score)
    .slice(0, MAX_TRIPLES)
    .map((entry) => entry.triple);
}

/** The code's corners in the photo, clockwise from its top left, as the mesh places them. */
function outline(mesh: Mesh): [Point, Point, Point, Point] {
  const n = mesh.n;
  return [locate(mesh, 0, 0), locate(mesh, n, 0), locate(mesh, n, n), locate(mesh, 0, n)];
}

function cross(o: Point, p: Point, q: Point): number {
  return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
}

function dot(o: Point, p: Point, q: Point): number {
  return (p.x - o.x) * (q.x - o.x) + (p.y - o.y) * (q.y - o.y);
}
