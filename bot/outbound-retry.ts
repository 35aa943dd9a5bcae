/**
 * How every outbound API call of ours is retried (Telegram's Bot API, Zalo's OA API and its OAuth
 * server): a transient failure is tried again after a backoff with full jitter, until the next wait
 * would pass a bounded total time; a permanent one is answered at once. Each channel says which of
 * its failures are transient (`judge`); the waiting is the same for all.
 *
 * It sits beneath the conversations' recorder (in the API transformers and in the Zalo client), so
 * a retried call is one recorded call: a replay neither sends again nor waits again.
 */
export interface RetryTiming {
  /** Sleeps `ms`; tests pass one that does not wait. */
  sleep(ms: number): Promise<void>;
  /** Milliseconds since any fixed point (elapsed time only). */
  now(): number;
  /** A number in [0, 1) for the jitter. */
  random(): number;
}

export interface RetryPolicy extends RetryTiming {
  /** First backoff ceiling; it doubles with each retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts later than this after the first attempt. */
  maxElapsedMs: number;
}

export const REAL_TIMING: RetryTiming = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => performance.now(),
  random: Math.random,
};

/**
 * Within a reply's patience: about 20 s of trying (Zalo's -32 and a Bot API 5xx usually pass within
 * seconds; past that, the inbox's or outbox's own retry takes over with the event kept).
 */
export function defaultRetryPolicy(timing: RetryTiming = REAL_TIMING): RetryPolicy {
  return { ...timing, baseDelayMs: 500, maxDelayMs: 8_000, maxElapsedMs: 20_000 };
}

/** What one attempt came to: a value or a thrown error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Try again (after at least `afterMs`, e.g. Telegram's retry_after), or not (done, or permanent). */
export type Verdict = { retry: true; afterMs?: number } | { retry: false };

export const PERMANENT: Verdict = { retry: false };
export const TRANSIENT: Verdict = { retry: true };

/**
 * Runs `attempt` until `judge` calls its outcome final or the time is up; then returns the last
 * value or throws the last error. `onRetry` hears of each retry (for a log line).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: () => Promise<T>,
  judge: (outcome: Outcome<T>) => Verdict,
  onRetry?: (outcome: Outcome<T>, attemptNo: number, delayMs: number) => void,
): Promise<T> {
  const started = policy.now();
  for (let n = 1; ; n++) {
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, value: await attempt() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const verdict = judge(outcome);
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    const delay = verdict.retry ? Math.max(verdict.afterMs ?? 0, Math.floor(policy.random() * ceiling)) : 0;
    if (!verdict.retry || policy.now() - started + delay > policy.maxElapsedMs) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    onRetry?.(outcome, n, delay);
    await policy.sleep(delay);
  }
}
