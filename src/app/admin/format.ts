/** Minutes for tables: one decimal under ten, whole above; a dash when there is nothing to show. */
export function fmtMinutes(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}
