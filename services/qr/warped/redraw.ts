import type { Pixels } from "../engines.js";
import type { BitImage } from "./binarize.js";
import { sample, type Mesh } from "./mesh.js";

const MODULE_PX = 4;
const QUIET_ZONE = 4;

/**
 * The code as the mesh reads it, redrawn square and clean (each module by majority of five
 * probes), for an ordinary decoder to correct and decode.
 */
export function redraw(mesh: Mesh, image: BitImage): Pixels {
  const { n } = mesh;
  const side = (n + 2 * QUIET_ZONE) * MODULE_PX;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const u = col + 0.5;
      const v = row + 0.5;
      const votes =
        sample(mesh, image, u, v) +
        sample(mesh, image, u - 0.2, v) +
        sample(mesh, image, u + 0.2, v) +
        sample(mesh, image, u, v - 0.2) +
        sample(mesh, image, u, v + 0.2);
      if (votes < 3) continue;
      for (let y = 0; y < MODULE_PX; y++) {
        const start = (((row + QUIET_ZONE) * MODULE_PX + y) * side + (col + QUIET_ZONE) * MODULE_PX) * 4;
        for (let x = 0; x < MODULE_PX * 4; x += 4) data.fill(0, start + x, start + x + 3);
      }
    }
  }
  return { data, width: side, height: side };
}
