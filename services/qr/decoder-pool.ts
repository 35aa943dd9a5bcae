import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { DecodeOptions, DecodeResult } from "./decode-qr.js";
import type { DecodeReply, DecodeTask } from "./decode-task.js";
import { DecoderBusyError, ImageRejectedError } from "./errors.js";

export interface DecoderPoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  threads?: number;
  /** Photos waiting for a free thread before decode() refuses with DecoderBusyError (default threads × 16). */
  maxQueue?: number;
}

export interface DecoderPool {
  decode(bytes: Uint8Array, options?: DecodeOptions): Promise<DecodeResult>;
  /** Photos waiting for a thread, and threads alive: for /metrics and /readyz. */
  status(): { queued: number; threads: number };
  close(): Promise<void>;
}

/**
 * Decoding a 12 MP photo takes a CPU for a few hundred milliseconds; the pool keeps that off
 * the bot's event loop, and the bounded queue turns a burst into a polite "busy" answer
 * instead of unbounded memory.
 */
export function createDecoderPool(options: DecoderPoolOptions = {}): DecoderPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const maxQueue = Math.max(0, options.maxQueue ?? threads * 16);
  const pool = new Piscina<DecodeTask, DecodeReply>({
    filename: new URL("./decode-worker.mjs", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    async decode(bytes, decodeOptions = {}) {
      if (pool.queueSize >= maxQueue) throw new DecoderBusyError(pool.queueSize);
      const reply = await pool.run({ bytes, options: decodeOptions });
      if ("rejected" in reply) throw new ImageRejectedError(reply.rejected.reason, reply.rejected.detail);
      return reply.result;
    },
    status: () => ({ queued: pool.queueSize, threads: pool.threads.length }),
    close: () => pool.close(),
  };
}
