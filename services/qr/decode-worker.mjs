// Piscina runs this file in each worker thread. It is plain JavaScript because a worker does
// not inherit TypeScript support from every host: tsx's CLI passes its loader on to workers,
// vitest's transform does not. tsImport loads the TypeScript task in both.
import sharp from "sharp";
import { tsImport } from "tsx/esm/api";

const task = await tsImport("./decode-task.ts", import.meta.url);

// libvips is shared by the whole process: the pool already runs one photo per core, so one
// libvips thread per photo avoids oversubscription, and every photo differs, so its
// operation cache only holds memory. Set after tsImport: it loads a second copy of sharp's
// JavaScript, whose start-up turns the cache back on (50 MB, 100 operations) for everyone.
sharp.concurrency(1);
sharp.cache(false);

export default task.decodeTask;
