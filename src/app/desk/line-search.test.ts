import { describe, expect, it } from "vitest";
import { matchesTicket, minutesBetween } from "./line-search.ts";

describe("finding a ticket in the line", () => {
  const made = { number: "K-012", name: "I Made Sudarsana" };
  const walkIn = { number: "K·7F3A", name: null };
  it("by number however it is typed", () => {
    for (const q of ["K-012", "k012", "12", " K-01 "]) expect(matchesTicket(made, q)).toBe(true);
    expect(matchesTicket(made, "120")).toBe(false);
    expect(matchesTicket(made, "13")).toBe(false);
    expect(matchesTicket(walkIn, "7f3a")).toBe(true);
    expect(matchesTicket(walkIn, "k·7f")).toBe(true);
  });
  it("by a part of the name, any case; an empty search keeps everyone", () => {
    expect(matchesTicket(made, "made")).toBe(true);
    expect(matchesTicket(made, "SUDAR")).toBe(true);
    expect(matchesTicket(made, "ayu")).toBe(false);
    expect(matchesTicket(walkIn, "ayu")).toBe(false);
    expect(matchesTicket(walkIn, "  ")).toBe(true);
  });
  it("counts whole minutes, never below zero", () => {
    expect(minutesBetween(0, 59_999)).toBe(0);
    expect(minutesBetween(0, 12 * 60_000 + 5)).toBe(12);
    expect(minutesBetween(10_000, 0)).toBe(0);
  });
});
