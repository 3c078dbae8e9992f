import { quantile } from "./queue.ts";

/** Summary of a set of durations in minutes; null figures when there are none. */
export interface Summary {
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, mean: null, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
  };
}

export interface Bin {
  /** minutes, inclusive */
  readonly from: number;
  /** minutes, exclusive; null for the open last bin */
  readonly to: number | null;
  readonly count: number;
}

/** Minutes bins that read well on a chart of waits and consultations. */
export const MINUTE_EDGES = [0, 5, 10, 15, 20, 30, 45, 60, 90] as const;

export function histogram(values: readonly number[], edges: readonly number[] = MINUTE_EDGES): Bin[] {
  const bins = edges.map((from, i) => ({ from, to: edges[i + 1] ?? null, count: 0 }));
  for (const v of values) {
    let i = bins.length - 1;
    while (i > 0 && v < (bins[i]?.from ?? 0)) i--;
    const bin = bins[i];
    if (bin) bin.count++;
  }
  return bins;
}
