// Piscina runs this file in each worker thread. It is plain JavaScript because a worker does
// not inherit TypeScript support from every host: tsx's CLI passes its loader on to workers,
// vitest's transform does not. tsImport loads the TypeScript task in both.
import { tsImport } from "tsx/esm/api";

const task = await tsImport("./decode-task.ts", import.meta.url);

export default task.decodeTask;
