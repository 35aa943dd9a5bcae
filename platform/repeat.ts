/**
 * Runs `pass` every `intervalMs` until stopped, never two passes at once; a failed pass goes to
 * `onError` and the next one retries. The timer does not keep the process alive.
 */
export function repeatEvery(intervalMs: number, pass: () => Promise<unknown>, onError: (err: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pass()
      .catch(onError)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
