import { describe, expect, it } from "vitest";
import { numbersLeft, takeNumber, withBlock } from "./reserved-numbers.ts";

describe("reserved number blocks", () => {
  it("takes from the oldest block first, then the next; nothing of another domain", () => {
    let blocks = withBlock(withBlock([], { domain: "K", next: 1021, to: 1022 }), { domain: "K", next: 1001, to: 1002 });
    const got: number[] = [];
    for (;;) {
      const t = takeNumber(blocks, "K");
      if (!t) break;
      got.push(t.number);
      blocks = t.blocks;
    }
    expect(got).toEqual([1001, 1002, 1021, 1022]);
    expect(blocks).toEqual([]);
    expect(takeNumber([{ domain: "S", next: 1, to: 3 }], "K")).toBeNull();
  });

  it("keeps a block given twice once, and counts what is left per domain", () => {
    const b = { domain: "K", next: 1001, to: 1020 };
    const blocks = withBlock(withBlock([b], { ...b }), { domain: "S", next: 2001, to: 2020 });
    expect(blocks).toHaveLength(2);
    expect(numbersLeft(blocks, "K")).toBe(20);
    expect(numbersLeft(blocks, "A")).toBe(0);
  });
});
