/** A pass repeated on a timer that can also be woken at once, e.g. when new work was just queued. */
export interface Repeating {
  /** Runs a pass now; if one is running, one more follows it, so work queued during a pass is not left to the timer. */
  wake(): void;
  stop(): void;
}

/**
 * Runs `pass` every `intervalMs` until stopped, never two passes at once; a failed pass goes to
 * `onError` and the next one retries. A tick that finds a pass running is skipped. The timer does
 * not keep the process alive.
 */
export function repeating(intervalMs: number, pass: () => Promise<unknown>, onError: (err: unknown) => void): Repeating {
  let running = false;
  let again = false;
  let stopped = false;
  const run = (woken: boolean) => {
    if (stopped) return;
    if (running) {
      again ||= woken;
      return;
    }
    running = true;
    pass()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run(false);
        }
      });
  };
  const timer = setInterval(() => run(false), intervalMs);
  timer.unref();
  return {
    wake: () => run(true),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** `repeating` without waking: returns its stop. */
export function repeatEvery(intervalMs: number, pass: () => Promise<unknown>, onError: (err: unknown) => void): () => void {
  const r = repeating(intervalMs, pass, onError);
  return () => r.stop();
}
