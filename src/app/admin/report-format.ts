import type { Lang } from "../i18n/define.ts";

export { regionLabel } from "../../core/report.ts";

/**
 * How the organizer's screens and the printed report write numbers, dates and
 * regions. In Bahasa Indonesia: decimal comma and thousands dot (IKM 81,25;
 * 1.250 tiket), dates written out ("15–16 Januari 2026", never ISO), and a
 * regency or city always with its type, since names repeat (Kab. Kupang and
 * Kota Kupang). `Intl` does the digits; the date range is assembled here so that
 * it reads the same in every browser.
 */
const LOCALE: Record<Lang, string> = { id: "id-ID", en: "en-GB" };

/** A count or a measure with a fixed number of decimals, in the language's own digits. */
export function formatNumber(n: number, lang: Lang, fractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(n);
}

/** Minutes for tables: one decimal under ten, whole above; a dash when there is nothing to show. */
export function formatMinutes(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return n < 10 ? formatNumber(n, lang, 1) : formatNumber(Math.round(n), lang);
}

function parts(isoDate: string): { day: number; month: number; year: number } {
  const [y, m, d] = isoDate.split("-").map(Number);
  return { year: y ?? 1970, month: m ?? 1, day: d ?? 1 };
}

function monthName(month: number, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));
}

/** A calendar date (YYYY-MM-DD) written out: "16 Januari 2026". */
export function formatDate(isoDate: string, lang: Lang): string {
  const d = parts(isoDate);
  return `${d.day} ${monthName(d.month, lang)} ${d.year}`;
}

/** An event's dates: "15–16 Januari 2026", "30 Januari – 2 Februari 2026", "31 Desember 2025 – 1 Januari 2026". */
export function formatDateRange(start: string, end: string, lang: Lang): string {
  const a = parts(start);
  const b = parts(end);
  if (start === end) return formatDate(start, lang);
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${monthName(b.month, lang)} ${b.year}`;
  if (a.year === b.year) return `${a.day} ${monthName(a.month, lang)} – ${formatDate(end, lang)}`;
  return `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
}
