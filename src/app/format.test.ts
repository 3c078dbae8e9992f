import { describe, expect, it } from "vitest";
import { callWindow, formatTime, zoneName } from "./format.ts";

describe("expected call time", () => {
  it("is a clock range rounded outward to 5 minutes, never a point", () => {
    const now = Date.UTC(2026, 0, 15, 2, 33, 20); // 10.33.20 WITA
    const [from, to] = callWindow(now, 7, 21);
    expect(formatTime(from, "id", "Asia/Makassar")).toBe("10.40");
    expect(formatTime(to, "id", "Asia/Makassar")).toBe("10.55");
    const [a, b] = callWindow(Date.UTC(2026, 0, 15, 2, 40), 0, 0);
    expect(b - a).toBe(5 * 60_000);
  });

  it("names Indonesia's zones as people say them", () => {
    expect(zoneName("Asia/Makassar")).toBe("WITA");
    expect(zoneName("Asia/Jakarta")).toBe("WIB");
    expect(zoneName("Asia/Jayapura")).toBe("WIT");
    expect(zoneName("Europe/Amsterdam")).toBeNull();
    expect(zoneName(undefined)).toBeNull();
  });
});
