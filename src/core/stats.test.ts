import { describe, expect, it } from "vitest";
import { histogram, summarize } from "./stats.ts";

describe("stats", () => {
  it("summarize and histogram", () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, median: null, p90: null });
    expect(summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p90).toBeCloseTo(9.1, 6);
    expect(histogram([0, 4.9, 5, 200], [0, 5, 10]).map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 5, 2],
      [5, 10, 1],
      [10, null, 1],
    ]);
  });
});
