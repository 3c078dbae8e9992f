import { describe, expect, it } from "vitest";
import { encodeHlc, hlcWall, MAX_AHEAD_MS } from "../../core/hlc.ts";
import { ServerClock } from "./numbering.ts";

const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);
const HOUR = 3_600_000;

describe("the server's clock", () => {
  it("is not dragged ahead by a phone whose clock is hours fast: its next numbers carry its own time", () => {
    const clock = new ServerClock(null);
    const fast = encodeHlc({ wall: T0 + 23 * HOUR, counter: 0, node: "FASTPHONE" });
    const first = clock.after(fast, T0);
    expect(hlcWall(first)).toBeLessThanOrEqual(T0 + MAX_AHEAD_MS);
    const honest = encodeHlc({ wall: T0 + 10 * 60_000, counter: 0, node: "PHONE" });
    const later = clock.after(honest, T0 + 10 * 60_000 + 200);
    expect(hlcWall(later)).toBe(T0 + 10 * 60_000 + 200);
    expect(later > first).toBe(true);
  });

  it("a stamp within the bound is still followed (the number sorts after its ticket)", () => {
    const clock = new ServerClock(null);
    const slightlyAhead = encodeHlc({ wall: T0 + 10_000, counter: 4, node: "PHONE" });
    expect(clock.after(slightlyAhead, T0) > slightlyAhead).toBe(true);
  });
});

describe("the server's clock after a restart", () => {
  it("lets go of a stamp it once gave far ahead", () => {
    const clock = new ServerClock(encodeHlc({ wall: T0 + 23 * HOUR, counter: 9, node: "SERVER00" }));
    const next = clock.after(encodeHlc({ wall: T0, counter: 0, node: "PHONE" }), T0 + 100);
    expect(hlcWall(next)).toBe(T0 + 100);
  });
});
