import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** A V8 .cpuprofile (what node --cpu-prof writes): a call tree with sampled node ids. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  what: string;
  ms: number;
  share: number;
}

/** Where a sample's time goes: a package, one of our folders, node's own code, or V8's (GC, idle). */
function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName ? `(${functionName.replace(/^\(|\)$/g, "")})` : "(v8)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node internals";
  const ours = /\/(app|bot|handlers|models|services|platform|server|simulator|open311)\//.exec(url);
  return ours ? `ours: ${ours[1]}/` : "other";
}

/** Self time in one profile, by category and by function. */
async function selfTimes(file: string) {
  const p = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const frames = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    const f = frames.get(id)!;
    total += us;
    const category = categoryOf(f.url, f.functionName);
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    const fn = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules\/)?/, "")}:${f.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  return { total, byCategory, byFunction };
}

/**
 * The app's main thread (node writes one profile per thread, `CPU.<date>.<time>.<pid>.<thread>.<n>`,
 * thread 0 the main one) by category and by function (top `top`), with idle apart: idle is the app
 * waiting for the database or the network. The decoder's worker threads are summed as busy time.
 */
export async function summariseProfile(dir: string, top = 12) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  const main = files.find((f) => f.split(".")[4] === "0");
  if (!main) throw new Error(`no main-thread profile in ${dir}`);
  const m = await selfTimes(join(dir, main));
  let decoderBusyUs = 0;
  for (const f of files.filter((x) => x !== main)) {
    const w = await selfTimes(join(dir, f));
    decoderBusyUs += w.total - (w.byCategory.get("(idle)") ?? 0);
  }
  const shares = (map: Map<string, number>): ProfileShare[] =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([what, us]) => ({ what, ms: Math.round(us / 1000), share: Number((us / m.total).toFixed(3)) }));
  return {
    file: join(dir, main), totalMs: Math.round(m.total / 1000), decoderThreadsBusyMs: Math.round(decoderBusyUs / 1000),
    byCategory: shares(m.byCategory), byFunction: shares(m.byFunction),
  };
}
