import { describe, expect, it } from "vitest";
import { ID_PATTERN, idOf, newId } from "./ids.ts";

describe("ids", () => {
  it("are 26 Crockford base32 characters, all different", () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids.slice(0, 100)) expect(id).toMatch(ID_PATTERN);
    expect(ids.every((id) => id.length === 26)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sort by the time they were made, whatever their random part", () => {
    const t0 = Date.UTC(2026, 10, 27, 2, 0, 0);
    const times = [t0, t0 + 1, t0 + 999, t0 + 60_000, t0 + 86_400_000, 2 ** 47];
    const ids = times.map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
    // the same instant: the time prefix (48 bits: 9 characters and 3 bits of the 10th) is shared
    const a = newId(t0);
    const b = newId(t0);
    expect(a.slice(0, 9)).toBe(b.slice(0, 9));
    expect(a).not.toBe(b);
  });

  it("write the time big-endian over the first six bytes", () => {
    const zeros = idOf(new Uint8Array(16), 0);
    expect(zeros).toBe("0".repeat(26));
    const ones = idOf(new Uint8Array(16).fill(255), 0);
    expect(ones.slice(0, 9)).toBe("000000000"); // 48 zero bits of time, then the random bytes
    // time 1: the 48th bit is the 3rd bit of the 10th character (0b00100)
    expect(idOf(new Uint8Array(16), 1).slice(0, 10)).toBe("0000000004");
  });
});
