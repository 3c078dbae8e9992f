import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareHlc,
  decodeHlc,
  encodeHlc,
  type Hlc,
  initialHlc,
  MAX_AHEAD_MS,
  receive,
  recoverClock,
  stampAbove,
  tick,
} from "./hlc.ts";

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
            // what a device does after seeing a stamp within the bound sorts after that stamp
            if (remote.wall <= now + MAX_AHEAD_MS) expect(compareHlc(encodeHlc(clock), encodeHlc(remote))).toBe(1);
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

  it("never adopts a remote wall more than ε ahead of its own time, however far ahead the remote is", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_AHEAD_MS, max: MAX_AHEAD_MS }),
        fc.integer({ min: -48 * HOUR, max: 400 * 24 * HOUR }),
        fc.integer({ min: 0, max: 1000 }),
        (own, remoteOffset, counter) => {
          const now = T0;
          const clock: Hlc = { wall: now + own, counter: 3, node: "DESK" };
          const merged = receive(clock, { wall: now + remoteOffset, counter, node: "PHONE" }, now);
          // bounded: never beyond now + ε (the counter may overflow into one more ms at most)
          expect(merged.wall).toBeLessThanOrEqual(Math.max(clock.wall, now + MAX_AHEAD_MS) + 1);
          // still monotonic
          expect(compareHlc(encodeHlc(merged), encodeHlc(clock))).toBe(1);
        },
      ),
    );
  });

  it("a fast phone's stamp does not freeze the time of whoever receives it", () => {
    // Three real 20-minute consultations at a desk that has seen a stamp 4 hours ahead.
    let desk = receive(initialHlc("DESK"), { wall: T0 + 4 * HOUR, counter: 0, node: "FAST" }, T0);
    const minutes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = T0 + i * 20 * 60_000;
      desk = tick(desk, start);
      const s = desk.wall;
      desk = tick(desk, start + 20 * 60_000 - 1);
      minutes.push((desk.wall - s) / 60_000);
    }
    for (const m of minutes) expect(Math.abs(m - 20)).toBeLessThan(1);
  });

  it("recovers: a clock advanced beyond the bound goes back to a time just checked, one within it stays", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 * HOUR }), fc.integer({ min: 0, max: 1000 }), (ahead, counter) => {
        const clock: Hlc = { wall: T0 + ahead, counter, node: "PHONE" };
        const r = recoverClock(clock, T0);
        if (ahead <= MAX_AHEAD_MS) expect(r).toBe(clock);
        else expect(r).toEqual({ wall: T0, counter: 0, node: "PHONE" });
        // and the next stamp is at the right time
        expect(tick(r, T0 + 1000).wall).toBeLessThanOrEqual(T0 + 1000 + MAX_AHEAD_MS);
      }),
    );
  });

  it("one subject, one order: through recoveries and jumps, a device's stamps on a subject strictly increase; elsewhere they stay at the right time", () => {
    // A device's clock reading jumps about (±day), and at times it recovers after
    // a sync; it stamps operations on a few subjects, each above its own newest
    // stamp there (stampAbove). Every subject's stamps strictly increase, and a
    // subject first touched after a recovery is stamped at the checked time.
    const step = fc.record({
      subject: fc.integer({ min: 0, max: 3 }),
      offset: fc.integer({ min: -24 * HOUR, max: 24 * HOUR }),
      recover: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 100 }), (steps) => {
        let clock = initialHlc("DESK");
        const newest = new Map<number, Hlc>();
        let t = T0;
        for (const s of steps) {
          t += 1000;
          if (s.recover) clock = recoverClock(clock, t);
          clock = tick(clock, t + s.offset);
          const stamped = stampAbove(clock, newest.get(s.subject) ?? null);
          const before = newest.get(s.subject);
          if (before) expect(compareHlc(encodeHlc(stamped), encodeHlc(before))).toBe(1);
          else expect(stamped).toEqual(clock);
          newest.set(s.subject, stamped);
        }
      }),
    );
  });

  it("stampAbove keeps a stamp already after the floor, and otherwise takes the floor's next counter", () => {
    const floor: Hlc = { wall: T0 + 4 * HOUR, counter: 3, node: "PHONE" };
    const right: Hlc = { wall: T0, counter: 0, node: "PHONE" };
    expect(stampAbove(right, null)).toBe(right);
    expect(stampAbove(right, floor)).toEqual({ wall: T0 + 4 * HOUR, counter: 4, node: "PHONE" });
    const later: Hlc = { wall: T0 + 5 * HOUR, counter: 0, node: "PHONE" };
    expect(stampAbove(later, floor)).toBe(later);
  });
});
