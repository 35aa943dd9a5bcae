/**
 * At most `limit` requests per `windowMs` for each caller (an API client, or an address for
 * requests without a key), in fixed windows on the application's clock. In memory: each
 * instance counts its own share, which bounds a burst without a database trip per request.
 */
export function createRateLimiter(o: { limit: number; windowMs: number; clock: () => Date }) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Undefined when allowed, else the seconds until the caller's window ends. */
    take(caller: string): number | undefined {
      const now = o.clock().getTime();
      let w = windows.get(caller);
      if (!w || now - w.start >= o.windowMs) {
        if (windows.size > 10_000) windows.clear();
        w = { start: now, count: 0 };
        windows.set(caller, w);
      }
      if (++w.count <= o.limit) return undefined;
      return Math.max(1, Math.ceil((w.start + o.windowMs - now) / 1000));
    },
  };
}
