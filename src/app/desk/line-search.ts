/**
 * Finding a ticket in a long line by its number or the participant's name,
 * as an officer types it: "12", "k12", "K-012" and "k·7f3a" find K-012 or the
 * provisional K·7F3A; "made" finds I Made Sudarsana.
 */
export function matchesTicket(t: { readonly number: string; readonly name: string | null }, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const number = t.number.toLowerCase();
  const compact = (s: string) => s.replace(/[^0-9a-z]/g, "");
  if (number.includes(q) || (compact(q) !== "" && compact(number).includes(compact(q)))) return true;
  // digits alone: the number without its zeros ("12" is K-012, not K-120)
  if (/^\d+$/.test(q)) {
    const digits = /(\d+)$/.exec(number)?.[1];
    if (digits !== undefined && Number(digits) === Number(q)) return true;
  }
  return t.name?.toLowerCase().includes(q) ?? false;
}

/** Whole minutes from one instant to another, never negative. */
export function minutesBetween(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / 60_000));
}
