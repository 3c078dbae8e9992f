import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareHlc, decodeHlc, encodeHlc, type Hlc, initialHlc, receive, tick } from "./hlc.ts";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 15, 1, 0, 0);

describe("hybrid logical clock", () => {
  it("encodes so that string order is clock order", () => {
    fc.assert(
      fc.property(
        fc.record({ wall: fc.integer({ min: 0, max: 2 ** 47 }), counter: fc.integer({ min: 0, max: 36 ** 5 - 1 }) }),
        fc.record({ wall: fc.integer({ min: 0, max: 2 ** 47 }), counter: fc.integer({ min: 0, max: 36 ** 5 - 1 }) }),
        (a, b) => {
          const ea = encodeHlc({ ...a, node: "DEV1" });
          const eb = encodeHlc({ ...b, node: "DEV1" });
          const expected = a.wall !== b.wall ? Math.sign(a.wall - b.wall) : Math.sign(a.counter - b.counter);
          expect(Math.sign(compareHlc(ea, eb))).toBe(expected);
          expect(decodeHlc(ea)).toEqual({ ...a, node: "DEV1" });
        },
      ),
    );
  });

  it("never goes backwards when the wall clock is hours off or jumps back, and follows what it receives", () => {
    // Each step is either a local event at a wall reading that wanders by up to
    // ±12 hours (a phone with a wrong date, or one corrected by the network), or
    // a stamp received from another device whose clock is off by up to a day.
    const step = fc.oneof(
      fc.record({ kind: fc.constant("tick" as const), offset: fc.integer({ min: -12 * HOUR, max: 12 * HOUR }) }),
      fc.record({
        kind: fc.constant("receive" as const),
        offset: fc.integer({ min: -12 * HOUR, max: 12 * HOUR }),
        remoteOffset: fc.integer({ min: -24 * HOUR, max: 24 * HOUR }),
        remoteCounter: fc.integer({ min: 0, max: 1000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 200 }), (steps) => {
        let clock: Hlc = initialHlc("PHONE");
        let last = encodeHlc(clock);
        for (const s of steps) {
          const now = T0 + s.offset;
          if (s.kind === "tick") {
            clock = tick(clock, now);
          } else {
            const remote = { wall: T0 + s.remoteOffset, counter: s.remoteCounter, node: "DESK" };
            clock = receive(clock, remote, now);
            // what a device does after seeing a stamp sorts after that stamp
            expect(compareHlc(encodeHlc(clock), encodeHlc(remote))).toBe(1);
          }
          const stamp = encodeHlc(clock);
          expect(compareHlc(stamp, last)).toBe(1);
          last = stamp;
        }
      }),
    );
  });

  it("stays close to wall time: a tick at a later wall time takes that time", () => {
    const c = tick(tick(initialHlc("A"), T0), T0);
    expect(c).toEqual({ wall: T0, counter: 1, node: "A" });
    expect(tick(c, T0 + 5)).toEqual({ wall: T0 + 5, counter: 0, node: "A" });
  });
});
