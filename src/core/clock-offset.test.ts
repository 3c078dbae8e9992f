import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addSample,
  type ClockOffset,
  correctedNow,
  estimatedOffset,
  MAX_SAMPLES,
  NO_OFFSET,
  parseClockOffset,
  sampleOf,
} from "./clock-offset.ts";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 15, 1, 0, 0);

describe("clock offset", () => {
  it("compensates the round trip: the estimate is within half the best round trip of the truth", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -24 * HOUR, max: 24 * HOUR }),
        // each request: when it left (real ms after T0), how long out, how long back
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: HOUR }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 })),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (skew, requests) => {
          let state: ClockOffset = NO_OFFSET;
          let bestRtt = Number.POSITIVE_INFINITY;
          for (const [at, out, back] of [...requests].sort((a, b) => a[0] - b[0])) {
            const realSent = T0 + at;
            const serverTime = realSent + out; // written when the request reached the server
            const s = sampleOf(serverTime, realSent + skew, realSent + out + back + skew);
            if (!s) continue;
            state = addSample(state, s);
            bestRtt = Math.min(bestRtt, out + back);
          }
          const offset = estimatedOffset(state);
          expect(offset).not.toBeNull();
          // the estimate is the truth (−skew) within half the round trip of the sample it used
          const used = state.samples.reduce((a, b) => (b.rtt <= a.rtt ? b : a));
          expect(Math.abs((offset ?? 0) + skew)).toBeLessThanOrEqual(used.rtt / 2 + 1);
          expect(state.samples.length).toBeLessThanOrEqual(MAX_SAMPLES);
        },
      ),
    );
  });

  it("keeps the sample of the smallest round trip among recent ones", () => {
    let state = NO_OFFSET;
    state = addSample(state, { offset: 1000, rtt: 3000, at: T0 });
    state = addSample(state, { offset: 200, rtt: 100, at: T0 + 1 });
    state = addSample(state, { offset: 900, rtt: 2000, at: T0 + 2 });
    expect(estimatedOffset(state)).toBe(200);
    expect(correctedNow(state, T0)).toBe(T0 + 200);
  });

  it("forgets the old samples when the device's clock jumps", () => {
    let state = NO_OFFSET;
    state = addSample(state, { offset: 0, rtt: 50, at: T0 });
    // the user sets the phone two hours ahead: the server now seems two hours behind
    state = addSample(state, { offset: -2 * HOUR, rtt: 3000, at: T0 + 2 * HOUR });
    expect(estimatedOffset(state)).toBe(-2 * HOUR);
    expect(state.samples).toHaveLength(1);
  });

  it("uses the raw clock while it has never heard the server, and reads damaged meta as none", () => {
    expect(estimatedOffset(NO_OFFSET)).toBeNull();
    expect(correctedNow(NO_OFFSET, T0)).toBe(T0);
    expect(parseClockOffset("garbage")).toEqual(NO_OFFSET);
    expect(parseClockOffset({ samples: [{ offset: 5, rtt: 1, at: 2 }, { offset: "x" }] })).toEqual({
      samples: [{ offset: 5, rtt: 1, at: 2 }],
    });
    expect(sampleOf(T0, T0 + 10, T0)).toBeNull();
  });
});
