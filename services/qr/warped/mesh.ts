import type { Point } from "../engines.js";
import type { BitImage } from "./binarize.js";
import type { KnownModules } from "./function-patterns.js";

/**
 * Where each module of an n×n code lies in the photo: an affine frame from the finder
 * patterns plus a displacement field on an m×m lattice of control points, interpolated
 * bilinearly. The displacements are what follow a print bent over a body or creased cloth,
 * which a single perspective transform (all a standard detector fits) cannot.
 */
export interface Mesh {
  n: number;
  m: number;
  /** x = a[0]·u + a[1]·v + a[2], y = a[3]·u + a[4]·v + a[5], u and v in modules. */
  affine: readonly number[];
  dx: Float64Array;
  dy: Float64Array;
}

export function affineMesh(n: number, topLeft: Point, topRight: Point, bottomLeft: Point): Mesh {
  const span = n - 7;
  const ax = (topRight.x - topLeft.x) / span;
  const bx = (bottomLeft.x - topLeft.x) / span;
  const ay = (topRight.y - topLeft.y) / span;
  const by = (bottomLeft.y - topLeft.y) / span;
  const affine = [ax, bx, topLeft.x - 3.5 * (ax + bx), ay, by, topLeft.y - 3.5 * (ay + by)];
  return { n, m: 2, affine, dx: new Float64Array(4), dy: new Float64Array(4) };
}

/** The same mapping on a finer lattice of m×m control points. */
export function refineLattice(mesh: Mesh, m: number): Mesh {
  const finer: Mesh = { ...mesh, m, dx: new Float64Array(m * m), dy: new Float64Array(m * m) };
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const [dx, dy] = displacement(mesh, (i * mesh.n) / (m - 1), (j * mesh.n) / (m - 1));
      finer.dx[j * m + i] = dx;
      finer.dy[j * m + i] = dy;
    }
  }
  return finer;
}

function displacement(mesh: Mesh, u: number, v: number): [number, number] {
  const { m, n, dx, dy } = mesh;
  const gu = Math.min(Math.max((u / n) * (m - 1), 0), m - 1);
  const gv = Math.min(Math.max((v / n) * (m - 1), 0), m - 1);
  const i = Math.min(Math.floor(gu), m - 2);
  const j = Math.min(Math.floor(gv), m - 2);
  const fu = gu - i;
  const fv = gv - j;
  const k = j * m + i;
  const w00 = (1 - fu) * (1 - fv);
  const w10 = fu * (1 - fv);
  const w01 = (1 - fu) * fv;
  const w11 = fu * fv;
  return [
    w00 * dx[k]! + w10 * dx[k + 1]! + w01 * dx[k + m]! + w11 * dx[k + m + 1]!,
    w00 * dy[k]! + w10 * dy[k + 1]! + w01 * dy[k + m]! + w11 * dy[k + m + 1]!,
  ];
}

export function distance(p: Point, q: Point): number {
  return Math.hypot(q.x - p.x, q.y - p.y);
}

/** Where module coordinates (u, v) lie in the photo, in pixels. */
export function locate(mesh: Mesh, u: number, v: number): Point {
  const a = mesh.affine;
  const [dx, dy] = displacement(mesh, u, v);
  return { x: a[0]! * u + a[1]! * v + a[2]! + dx, y: a[3]! * u + a[4]! * v + a[5]! + dy };
}

/** The photo's bit at module coordinates (u, v); outside the photo counts as light. */
export function sample(mesh: Mesh, image: BitImage, u: number, v: number): number {
  const at = locate(mesh, u, v);
  const x = Math.floor(at.x);
  const y = Math.floor(at.y);
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return 0;
  return image.bits[y * image.width + x]!;
}

const PROBE = 0.3;
const KNOWN_WEIGHT = 4;
/** Per module: its centre, then probes a third of a module left, right, up and down. */
const OFFSETS = [[0, 0], [-PROBE, 0], [PROBE, 0], [0, -PROBE], [0, PROBE]] as const;

/**
 * The probes of the modules in rows r0…r1 and columns c0…c1, with how much each moves when
 * control point k moves (its bilinear weight), so that trying an offset for k costs one
 * lookup per probe instead of re-evaluating the whole mapping.
 */
export interface ProbeSet {
  x: Float64Array;
  y: Float64Array;
  weight: Float64Array;
  /** Per module, the value the standard fixes, or -1. */
  fixed: Int8Array;
}

export function probeRegion(mesh: Mesh, known: KnownModules, k: number, r0: number, r1: number, c0: number, c1: number): ProbeSet {
  const count = (r1 - r0 + 1) * (c1 - c0 + 1);
  const set: ProbeSet = {
    x: new Float64Array(count * OFFSETS.length),
    y: new Float64Array(count * OFFSETS.length),
    weight: new Float64Array(count * OFFSETS.length),
    fixed: new Int8Array(count),
  };
  let probe = 0;
  let module = 0;
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++, module++) {
      set.fixed[module] = known[row * mesh.n + col]!;
      for (const [du, dv] of OFFSETS) {
        const at = locate(mesh, col + 0.5 + du, row + 0.5 + dv);
        set.x[probe] = at.x;
        set.y[probe] = at.y;
        set.weight[probe++] = controlWeight(mesh, k, col + 0.5 + du, row + 0.5 + dv);
      }
    }
  }
  return set;
}

/**
 * How well the mesh fits the probed modules with control point k moved by (dx, dy): each
 * module's centre should agree with its probes (the grid sits inside modules, not on their
 * edges), and modules the standard fixes should have their fixed value. `fixedOnly` scores
 * just the latter, at their centres: a quick first look over a wide range of offsets.
 */
export function fitScore(set: ProbeSet, image: BitImage, dx: number, dy: number, fixedOnly = false): number {
  const { width, height, bits } = image;
  const bitAt = (p: number) => {
    const x = Math.floor(set.x[p]! + set.weight[p]! * dx);
    const y = Math.floor(set.y[p]! + set.weight[p]! * dy);
    return x < 0 || y < 0 || x >= width || y >= height ? 0 : bits[y * width + x]!;
  };
  let score = 0;
  for (let module = 0, p = 0; module < set.fixed.length; module++, p += OFFSETS.length) {
    if (fixedOnly && set.fixed[module]! < 0) continue;
    const bit = bitAt(p);
    if (!fixedOnly) for (let q = 1; q < OFFSETS.length; q++) if (bitAt(p + q) === bit) score++;
    const fixed = set.fixed[module]!;
    if (fixed >= 0) score += fixed === bit ? KNOWN_WEIGHT : -KNOWN_WEIGHT;
  }
  return score;
}

function controlWeight(mesh: Mesh, k: number, u: number, v: number): number {
  const { m, n } = mesh;
  const gu = Math.min(Math.max((u / n) * (m - 1), 0), m - 1);
  const gv = Math.min(Math.max((v / n) * (m - 1), 0), m - 1);
  return Math.max(0, 1 - Math.abs(gu - (k % m))) * Math.max(0, 1 - Math.abs(gv - Math.floor(k / m)));
}
