import { readFile } from "node:fs/promises";

/** Resident memory of one process at its peak, by what holds it (kB of RSS). */
export interface MemoryBreakdown {
  rssKb: number;
  /** The program, its libraries (libvips, …) and other mapped files. */
  filesKb: number;
  /** glibc's heaps (the main one and its arenas): libvips' pixel buffers, Node's Buffers, V8's malloc'd side. */
  mallocKb: number;
  /** WebAssembly memories (zxing and libheif in each decoder thread): they grow, they never shrink. */
  wasmKb: number;
  /** Every other anonymous mapping: V8's heaps, malloc blocks too large for a heap (mmapped), thread stacks. */
  otherAnonKb: number;
  /** Each isolate's V8 heap (main thread and workers) after its last collection, as --trace-gc printed it, kB. */
  v8Heaps: { usedKb: number; committedKb: number }[];
}

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  name: string;
  sizeKb: number;
  rssKb: number;
}

const GIB_KB = 1024 * 1024;
const ARENA_KB = 64 * 1024;

/** The mappings of /proc/<pid>/smaps, in address order. */
async function mappingsOf(pid: number): Promise<Mapping[]> {
  const text = await readFile(`/proc/${pid}/smaps`, "utf8").catch(() => "");
  const out: Mapping[] = [];
  for (const line of text.split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      out.push({ start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), perms: head[3]!, name: head[4]!, sizeKb: 0, rssKb: 0 });
      continue;
    }
    const field = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    const m = out.at(-1);
    if (field && m) m[field[1] === "Size" ? "sizeKb" : "rssKb"] = Number(field[2]);
  }
  return out;
}

/**
 * A readable anonymous mapping followed by its inaccessible reservation is either a WebAssembly
 * memory (V8 reserves 8 GiB and opens what the module has grown to) or a glibc arena (64 MiB,
 * opened as malloc needs it); their sizes tell them apart.
 */
function classify(maps: Mapping[]): Omit<MemoryBreakdown, "rssKb" | "v8Heaps"> {
  const sum = { filesKb: 0, mallocKb: 0, wasmKb: 0, otherAnonKb: 0 };
  maps.forEach((m, i) => {
    if (m.name.startsWith("/")) sum.filesKb += m.rssKb;
    else if (m.name === "[heap]") sum.mallocKb += m.rssKb;
    else {
      const next = maps[i + 1];
      const reserved = next && next.start === m.end && next.perms.startsWith("---") && !next.name ? m.sizeKb + next.sizeKb : 0;
      if (reserved >= GIB_KB) sum.wasmKb += m.rssKb;
      else if (reserved === ARENA_KB) sum.mallocKb += m.rssKb;
      else sum.otherAnonKb += m.rssKb;
    }
  });
  return sum;
}

async function rssKbOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/**
 * Samples a process's RSS every `everyMs` and, whenever it reaches a new peak, reads what the
 * resident memory is made of. `gcTrace` returns the process's output so far: with node's
 * --trace-gc it names each isolate's committed heap after every collection.
 */
export function sampleMemory(pid: number, gcTrace: () => string, everyMs = 250) {
  const heaps = new Map<string, { usedKb: number; committedKb: number }>();
  let parsed = 0;
  let peak: MemoryBreakdown | undefined;
  let busy = false;
  const readHeaps = () => {
    const text = gcTrace();
    // "[pid:0x2f1c000]   1234 ms: Scavenge 40.1 (45.3) -> 38.2 (46.3) MB, …": used (committed) after the collection.
    const line = /\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: [^\n]*?-> ([\d.]+) \(([\d.]+)\) MB/g;
    line.lastIndex = parsed;
    const kb = (mb: string | undefined) => Math.round(Number(mb) * 1024);
    for (let m = line.exec(text); m; m = line.exec(text)) heaps.set(m[1]!, { usedKb: kb(m[2]), committedKb: kb(m[3]) });
    parsed = Math.max(parsed, text.lastIndexOf("\n") + 1);
  };
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      readHeaps();
      const rssKb = await rssKbOf(pid);
      if (rssKb > (peak?.rssKb ?? 0)) {
        const parts = classify(await mappingsOf(pid));
        peak = { rssKb, ...parts, v8Heaps: [...heaps.values()] };
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  return {
    /** The breakdown at the highest RSS sampled. */
    stop(): MemoryBreakdown | undefined {
      clearInterval(timer);
      return peak;
    },
  };
}
