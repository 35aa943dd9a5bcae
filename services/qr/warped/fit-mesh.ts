import type { BitImage } from "./binarize.js";
import { knownModules, sideOf, type KnownModules } from "./function-patterns.js";
import type { Point } from "../engines.js";
import { affineMesh, distance, fitScore, probeRegion, refineLattice, type Mesh } from "./mesh.js";

interface Level {
  /** Control points per side. */
  m: number;
  /** First search step and farthest move of a control point, in modules. */
  step: number;
  reach: number;
  /** Try every offset on a grid of `step` first, scoring fixed modules only. */
  scan: boolean;
  /** Cost of bending away from the neighbours; see neighbourPull. */
  smoothness: number;
}

/** Search steps stop halving at a fifth of a module: a tenth read no more of the measured set and took longer. */
const MIN_STEP = 0.2;
/**
 * In units of fit score per module² of bend. 3, 10 and 30 all read the eight cloth photos
 * of the ZXing set. Measured before the corner scan was added: 0 lost two of them, 50 and
 * above three or more.
 */
const SMOOTHNESS = 10;

/**
 * Lattices from coarse to fine. The corners-only lattice takes up perspective and the error
 * of the first guess, which can be modules at the far corner, so it scans widely; the finest
 * (control points about 4 modules apart) follows creases, which bend a print by up to about
 * a module between neighbouring points.
 */
function schedule(n: number): Level[] {
  const finest = Math.max(3, Math.round(n / 4) + 1);
  const levels: Level[] = [{ m: 2, step: 0.5, reach: 4, scan: true, smoothness: 0 }];
  for (let m = 3; m < finest; m = 2 * m - 1) levels.push({ m, step: 0.5, reach: 1, scan: false, smoothness: SMOOTHNESS });
  levels.push({ m: finest, step: 0.4, reach: 0.8, scan: false, smoothness: SMOOTHNESS });
  return levels;
}

/**
 * Fits a mesh for a code of this version whose finder centres are given, in pixels, and
 * yields it after each of the two finest lattices: where the finest settles a control point
 * one module off, the coarser state often reads, and zxing's error correction is a cheap
 * judge of which.
 */
export function* fitMeshes(image: BitImage, version: number, topLeft: Point, topRight: Point, bottomLeft: Point): Generator<Mesh> {
  const n = sideOf(version);
  const known = knownModules(version);
  let mesh = affineMesh(n, topLeft, topRight, bottomLeft);
  const modulePx = (distance(topLeft, topRight) + distance(topLeft, bottomLeft)) / (2 * (n - 7));
  const levels = schedule(n);
  for (const [index, level] of levels.entries()) {
    if (level.m !== mesh.m) mesh = refineLattice(mesh, level.m);
    for (let k = 0; k < level.m * level.m; k++) settle(mesh, image, known, k, modulePx, level);
    if (index >= levels.length - 2) yield mesh;
  }
}

/** Pattern search for control point k: move while a neighbouring offset fits better, then halve the step. */
function settle(mesh: Mesh, image: BitImage, known: KnownModules, k: number, modulePx: number, level: Level) {
  let step = level.step * modulePx;
  const reach = level.reach * modulePx;
  const minStep = MIN_STEP * modulePx;
  const { m, n } = mesh;
  const at = (g: number) => (g * n) / (m - 1);
  const i = k % m;
  const j = Math.floor(k / m);
  const probes = probeRegion(
    mesh,
    known,
    k,
    Math.max(0, Math.floor(at(j - 1))),
    Math.min(n - 1, Math.ceil(at(j + 1)) - 1),
    Math.max(0, Math.floor(at(i - 1))),
    Math.min(n - 1, Math.ceil(at(i + 1)) - 1),
  );
  const [pullX, pullY] = neighbourPull(mesh, i, j);
  const bend = (x: number, y: number) => (level.smoothness * ((x - pullX) ** 2 + (y - pullY) ** 2)) / (modulePx * modulePx);
  const score = (x: number, y: number) => fitScore(probes, image, x, y) - bend(x, y);
  let bestX = 0;
  let bestY = 0;
  let best = score(0, 0);
  if (level.scan) {
    let widest = fitScore(probes, image, 0, 0, true);
    for (let y = -reach; y <= reach; y += step) {
      for (let x = -reach; x <= reach; x += step) {
        const fit = fitScore(probes, image, x, y, true);
        if (fit > widest) [widest, bestX, bestY] = [fit, x, y];
      }
    }
    best = score(bestX, bestY);
    step /= 2;
  }
  for (let moves = 0; step >= minStep && moves < 40; moves++) {
    let improved = false;
    for (const [sx, sy] of DIRECTIONS) {
      const x = bestX + sx * step;
      const y = bestY + sy * step;
      if (Math.abs(x) > reach || Math.abs(y) > reach) continue;
      const fit = score(x, y);
      if (fit > best) {
        [best, bestX, bestY, improved] = [fit, x, y, true];
        break;
      }
    }
    if (!improved) step /= 2;
  }
  mesh.dx[k] = mesh.dx[k]! + bestX;
  mesh.dy[k] = mesh.dy[k]! + bestY;
}

/**
 * The offset from k's displacement to the mean displacement of its lattice neighbours:
 * cloth bends smoothly, so a point far from its neighbours has more likely locked on the
 * wrong module than followed a fold.
 */
function neighbourPull(mesh: Mesh, i: number, j: number): [number, number] {
  const { m, dx, dy } = mesh;
  let x = 0;
  let y = 0;
  let count = 0;
  for (const [a, b] of [[i - 1, j], [i + 1, j], [i, j - 1], [i, j + 1]] as const) {
    if (a < 0 || b < 0 || a >= m || b >= m) continue;
    x += dx[b * m + a]!;
    y += dy[b * m + a]!;
    count++;
  }
  const k = j * m + i;
  return count === 0 ? [0, 0] : [x / count - dx[k]!, y / count - dy[k]!];
}

const DIRECTIONS = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]] as const;
