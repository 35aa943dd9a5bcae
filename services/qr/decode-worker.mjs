// Piscina runs this file in each worker thread. It is plain JavaScript because a worker does
// not inherit TypeScript support from every host: tsx's CLI passes its loader on to workers,
// vitest's transform does not. tsImport loads the TypeScript task in both.
import sharp from "sharp";
import { tsImport } from "tsx/esm/api";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const task = await tsImport("./decode-task.ts", import.meta.url);

// libvips is shared by the whole process: the pool already runs one photo per core, so one
// libvips thread per photo avoids oversubscription, and every photo differs, so its
// operation cache only holds memory. Set after tsImport: it loads a second copy of sharp's
// JavaScript, whose start-up turns the cache back on (50 MB, 100 operations) for everyone.
sharp.concurrency(1);
sharp.cache(false);

// A photo's pixels (5–8 MB from sharp) are freed only when V8 collects the Buffer holding
// them, and V8 lets such memory reach 64 MB in each thread before it collects on its own.
// A minor collection after each photo frees them before the answer goes back: the buffers
// die young, and the worker has few other young objects. V8 gives gc() only to a context
// made after --expose-gc is set.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc");

export default async function decode(photo) {
  try {
    return await task.decodeTask(photo);
  } finally {
    collect({ type: "minor" });
  }
}
