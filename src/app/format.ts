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
