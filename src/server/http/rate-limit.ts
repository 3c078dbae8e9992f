/**
 * A fixed one-minute window per key (a device, or an address for sign-in).
 * Enough to stop a runaway device or a code-guessing script without a shared
 * cache; with several instances each counts its own share.
 *
 * Keys are chosen so that a limit cannot be reset by the one it limits: the
 * per-device limit is keyed by the device id (proved at sign-in by its key),
 * not by the token, so signing in again for a fresh token changes nothing.
 */
export interface RateLimiter {
  /** counts one request; null when allowed, else the seconds to wait */
  hit(key: string): number | null;
  /** like hit, without counting: whether `key` is already over its limit */
  peek(key: string): number | null;
}

export function createRateLimiter(perMinute: number, now: () => number): RateLimiter {
  let windowStart = now();
  let counts = new Map<string, number>();
  function roll(t: number): void {
    if (t - windowStart >= 60_000 || t < windowStart) {
      windowStart = t;
      counts = new Map();
    }
  }
  const waitFor = (n: number, t: number) => (n <= perMinute ? null : Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000)));
  return {
    hit(key) {
      const t = now();
      roll(t);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return waitFor(n, t);
    },
    peek(key) {
      const t = now();
      roll(t);
      return waitFor((counts.get(key) ?? 0) + 1, t);
    },
  };
}

export const unlimited: RateLimiter = { hit: () => null, peek: () => null };

/**
 * Sign-in limits per client address. A venue's phones often share one NAT
 * address: 500 phones joining within a few minutes make about 1,000 requests
 * (a challenge and a sign-in each), so every request counts against a limit
 * far above that; only *failed* sign-ins count against the small one, per
 * role, so guessing a desk or organizer code is slowed to a few tries a
 * minute while the public participant code keeps working for everyone else.
 */
export const SIGN_IN_LIMITS = { requestsPerMinute: 3000, failuresPerMinute: 20 } as const;
