import { describe, expect, it } from "vitest";
import { createSilenceWatch } from "./silence-watch.ts";

/** A hand-driven clock: timers fire only when the test advances time. */
function fakeTimers() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id: unknown) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

describe("silence watch", () => {
  it("stays quiet while the server keeps talking, and speaks once when it falls silent", () => {
    const clock = fakeTimers();
    let silences = 0;
    const watch = createSilenceWatch({ limitMs: 12_000, onSilent: () => silences++, ...clock });
    watch.heard();
    for (let i = 0; i < 10; i++) {
      clock.advance(5_000); // a heartbeat every 5 s
      watch.heard();
    }
    expect(silences).toBe(0);
    clock.advance(11_999);
    expect(silences).toBe(0);
    clock.advance(1);
    expect(silences).toBe(1);
    clock.advance(60_000);
    expect(silences).toBe(1);
  });

  it("says nothing once stopped", () => {
    const clock = fakeTimers();
    let silences = 0;
    const watch = createSilenceWatch({ limitMs: 12_000, onSilent: () => silences++, ...clock });
    watch.heard();
    watch.stop();
    clock.advance(60_000);
    expect(silences).toBe(0);
  });
});
