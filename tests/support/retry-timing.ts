import type { RetryTiming } from "../../bot/outbound-retry.js";

/** Retries that do not wait: each backoff the policy asks for is recorded in `waits` and returns at once. */
export function noWait(waits: number[] = []): RetryTiming {
  return {
    sleep: async (ms) => void waits.push(ms),
    now: () => performance.now(),
    random: () => 0.5,
  };
}
