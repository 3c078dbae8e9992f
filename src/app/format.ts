import type { Lang } from "./i18n/define.ts";

/**
 * Times are stored as instants and shown in the event's own zone (WITA for
 * Bali, NTB and NTT), whatever zone the phone is set to.
 */
export function formatTime(ms: number, lang: Lang, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
      ...(timeZone ? { timeZone } : {}),
    }).format(ms);
  } catch {
    // an unknown zone on an old phone: fall back to the phone's own
    return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hour12: false }).format(ms);
  }
}

/** A wait range in minutes, rounded to 5 so it does not pretend to precision: "10–20". */
export function roundRange(low: number, high: number): [number, number] {
  const r = (n: number) => Math.max(0, Math.round(n / 5) * 5);
  const lo = r(low);
  const hi = Math.max(r(high), lo + 5);
  return [lo, hi];
}

/** Indonesia's zones as people say them: "pukul 10.40 WITA". Other zones: none. */
const ZONE_NAMES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export function zoneName(timeZone?: string): string | null {
  return (timeZone && ZONE_NAMES[timeZone]) || null;
}

const FIVE_MIN = 5 * 60_000;

/**
 * The expected call time as a clock range, from the wait range in minutes:
 * the start rounded down and the end up to 5 minutes, so "sekitar 10.40–10.55"
 * never claims more precision than the estimate has, and never shrinks to a point.
 */
export function callWindow(now: number, lowMin: number, highMin: number): [number, number] {
  const from = Math.floor((now + lowMin * 60_000) / FIVE_MIN) * FIVE_MIN;
  const to = Math.ceil((now + highMin * 60_000) / FIVE_MIN) * FIVE_MIN;
  return [from, Math.max(to, from + FIVE_MIN)];
}
