/**
 * A fixed one-minute window per key (a token, or an IP for sign-in). Enough to
 * stop a runaway device or a code-guessing script without a shared cache;
 * with several instances each counts its own share.
 */
export interface RateLimiter {
  /** null when allowed, else the seconds to wait */
  hit(key: string): number | null;
}

export function createRateLimiter(perMinute: number, now: () => number): RateLimiter {
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    hit(key) {
      const t = now();
      if (t - windowStart >= 60_000 || t < windowStart) {
        windowStart = t;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n <= perMinute) return null;
      return Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000));
    },
  };
}

export const unlimited: RateLimiter = { hit: () => null };
