import { describe, expect, it } from "vitest";
import type { SkmScores } from "./operation.ts";
import { skmCategory, skmIndex } from "./skm.ts";

describe("skmIndex", () => {
  it("computes NRR per element and IKM by hand (element 4 left out)", () => {
    // three respondents, elements 1,2,3,4 answered; the event leaves out 4
    const ratings: SkmScores[] = [
      { "1": 4, "2": 3, "3": 4, "4": 1 },
      { "1": 3, "2": 3, "3": 2 },
      { "1": 4, "2": 4 },
    ];
    const r = skmIndex(ratings, [1, 2, 3, 5, 6, 7, 8, 9]);
    // NRR1 = 11/3 = 3.6667, NRR2 = 10/3 = 3.3333, NRR3 = 6/2 = 3; elements 5..9 unanswered
    expect(r.elements.slice(0, 3).map((e) => [e.element, e.answers, e.nrr])).toEqual([
      [1, 3, 11 / 3],
      [2, 3, 10 / 3],
      [3, 2, 3],
    ]);
    expect(r.elements.find((e) => e.element === 4)).toBeUndefined();
    expect(r.elements.find((e) => e.element === 5)).toEqual({ element: 5, answers: 0, nrr: null });
    // IKM = (3.6667 + 3.3333 + 3) / 3 * 25 = 83.333…  → B
    expect(r.ikm).toBeCloseTo(83.3333, 3);
    expect(r.category).toBe("B");
    expect(r.respondents).toBe(3);
  });

  it("all fours give 100 (A), all ones give 25 (D)", () => {
    expect(skmIndex([{ "1": 4, "9": 4 }], [1, 9])).toMatchObject({ ikm: 100, category: "A" });
    expect(skmIndex([{ "1": 1, "9": 1 }], [1, 9])).toMatchObject({ ikm: 25, category: "D" });
  });

  it("has no index without answers", () => {
    expect(skmIndex([], [1, 2])).toMatchObject({ respondents: 0, ikm: null, category: null });
    expect(skmIndex([{ "4": 2 }], [1, 2])).toMatchObject({ respondents: 0, ikm: null });
  });

  it("reads the category boundaries of Permenpan RB 14/2017", () => {
    expect(skmCategory(88.31)).toBe("A");
    expect(skmCategory(88.3)).toBe("B");
    expect(skmCategory(88.305)).toBe("A"); // rounded to two decimals first
    expect(skmCategory(76.61)).toBe("B");
    expect(skmCategory(76.6)).toBe("C");
    expect(skmCategory(65)).toBe("C");
    expect(skmCategory(64.99)).toBe("D");
  });
});
