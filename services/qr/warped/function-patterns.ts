/** Module value the standard fixes: 1 dark, 0 light, -1 data or format (unknown). */
export type KnownModules = Int8Array;

/** Side in modules of a QR code of this version (1…40). */
export function sideOf(version: number): number {
  return 17 + 4 * version;
}

/** Centres of the alignment patterns along one axis (ISO/IEC 18004, annex E). */
export function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let at = sideOf(version) - 7; centres.length < count; at -= step) centres.splice(1, 0, at);
  return centres;
}

/**
 * The modules every code of this version has regardless of its content: finder patterns
 * with their separators, timing patterns, alignment patterns and the dark module. They are
 * what pins the sampling grid to the right module where the data alone would fit equally
 * well one module over.
 */
export function knownModules(version: number): KnownModules {
  const n = sideOf(version);
  const known = new Int8Array(n * n).fill(-1);
  const set = (row: number, col: number, dark: boolean) => {
    if (row >= 0 && col >= 0 && row < n && col < n) known[row * n + col] = dark ? 1 : 0;
  };
  for (const [top, left] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        set(top + r, left + c, ring !== 2 && ring <= 3);
      }
    }
  }
  for (let i = 8; i < n - 8; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  const centres = alignmentCentres(version);
  for (const row of centres) {
    for (const col of centres) {
      if (isFinderCorner(row, col, n)) continue;
      for (let r = -2; r <= 2; r++) {
        for (let c = -2; c <= 2; c++) set(row + r, col + c, Math.max(Math.abs(r), Math.abs(c)) !== 1);
      }
    }
  }
  set(n - 8, 8, true);
  return known;
}

function isFinderCorner(row: number, col: number, n: number): boolean {
  return (row === 6 && col === 6) || (row === 6 && col === n - 7) || (row === n - 7 && col === 6);
}
