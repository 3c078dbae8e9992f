import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay, nextDelay, retryAfterMs, SCHEDULE } from "./backoff.ts";

describe("backoff", () => {
  it("doubles from 2 s to 5 min, with jitter in the upper half of each step", () => {
    const low = (n: number) => backoffDelay(n, () => 0);
    const high = (n: number) => backoffDelay(n, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([2000, 4000, 8000, 16000]);
    expect([1, 2, 3].map(low)).toEqual([1000, 2000, 4000]);
    expect(high(30)).toBe(SCHEDULE.maxMs);
    expect(high(5000)).toBe(SCHEDULE.maxMs);
  });

  it("never waits less than half a step nor more than the cap (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, () => r);
        return d >= SCHEDULE.baseMs / 2 && d <= SCHEDULE.maxMs;
      }),
    );
  });

  it("reads Retry-After in seconds or as a date", () => {
    const now = Date.UTC(2026, 0, 15, 2, 0, 0);
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBe(0);
  });

  it("polls when healthy, less often with a live stream, and honours the server's wait", () => {
    const r = () => 0.5;
    expect(nextDelay({ failures: 0, retryAfterMs: null, live: false }, r)).toBe(SCHEDULE.pollMs);
    expect(nextDelay({ failures: 0, retryAfterMs: null, live: true }, r)).toBe(SCHEDULE.livePollMs);
    expect(nextDelay({ failures: 1, retryAfterMs: 60_000, live: false }, r)).toBe(60_000);
    expect(nextDelay({ failures: 3, retryAfterMs: null, live: true }, r)).toBe(6000);
  });
});
