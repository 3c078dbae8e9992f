import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { spacedRunner } from "./spaced-runner.ts";

describe("spacedRunner", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs at once when nothing ran lately, then at most once per spacing, never dropping the last poke", () => {
    const run = vi.fn();
    const r = spacedRunner(run, 10_000);
    r.poke();
    expect(run).toHaveBeenCalledTimes(1);
    r.poke();
    r.poke();
    vi.advanceTimersByTime(9_999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2); // the pokes inside the spacing: one run at its end
    vi.advanceTimersByTime(60_000);
    expect(run).toHaveBeenCalledTimes(2); // no poke, no run
    r.poke();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("runs nothing more once cancelled", () => {
    const run = vi.fn();
    const r = spacedRunner(run, 1_000);
    r.poke();
    r.poke();
    r.cancel();
    vi.advanceTimersByTime(5_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
