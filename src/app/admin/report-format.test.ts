import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange, formatMinutes, formatNumber, regionLabel } from "./report-format.ts";

describe("report formatting", () => {
  it("writes numbers the Indonesian way in Indonesian, the English way in English", () => {
    expect(formatNumber(81.25, "id", 2)).toBe("81,25");
    expect(formatNumber(1250, "id")).toBe("1.250");
    expect(formatNumber(81.25, "en", 2)).toBe("81.25");
    expect(formatNumber(4, "id", 2)).toBe("4,00");
  });

  it("writes minutes with one decimal under ten, whole above, a dash for nothing", () => {
    expect(formatMinutes(7.25, "id")).toBe("7,3");
    expect(formatMinutes(12.6, "id")).toBe("13");
    expect(formatMinutes(null, "id")).toBe("—");
  });

  it("writes dates out, never ISO", () => {
    expect(formatDate("2026-01-16", "id")).toBe("16 Januari 2026");
    expect(formatDateRange("2026-01-15", "2026-01-16", "id")).toBe("15–16 Januari 2026");
    expect(formatDateRange("2026-01-30", "2026-02-02", "id")).toBe("30 Januari – 2 Februari 2026");
    expect(formatDateRange("2025-12-31", "2026-01-01", "id")).toBe("31 Desember 2025 – 1 Januari 2026");
    expect(formatDateRange("2026-01-15", "2026-01-15", "en")).toBe("15 January 2026");
  });

  it("names a regency or a city with its type", () => {
    expect(regionLabel({ type: "kabupaten", name: "Kupang" })).toBe("Kab. Kupang");
    expect(regionLabel({ type: "kota", name: "Kupang" })).toBe("Kota Kupang");
  });
});
