import type { SkmScores } from "./operation.ts";

/**
 * The community satisfaction index (Indeks Kepuasan Masyarakat) of Permenpan RB
 * No. 14 Tahun 2017: each answer scores 1..4; per element (unsur) the mean
 * score over its answers (NRR); the index is the equally weighted mean of the
 * element means times 25, on a 25..100 scale, with a quality category.
 *
 * Elements the event leaves out (a free clinic has no cost, element 4) are not
 * counted, and an element nobody answered is left out of the mean rather than
 * counted as zero. Unrounded values are kept; the category is read from the
 * index rounded to two decimals, as the regulation's table is written.
 */
export const SKM_ELEMENTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export type SkmCategory = "A" | "B" | "C" | "D";

export interface SkmElementResult {
  readonly element: number;
  readonly answers: number;
  /** mean score 1..4, null without answers */
  readonly nrr: number | null;
}

export interface SkmResult {
  /** ratings with at least one answer to an included element */
  readonly respondents: number;
  readonly elements: readonly SkmElementResult[];
  /** 25..100, null without any answer */
  readonly ikm: number | null;
  readonly category: SkmCategory | null;
}

export function skmCategory(ikm: number): SkmCategory {
  const v = Math.round(ikm * 100) / 100;
  if (v >= 88.31) return "A";
  if (v >= 76.61) return "B";
  if (v >= 65) return "C";
  return "D";
}

export function skmIndex(ratings: readonly SkmScores[], included: readonly number[]): SkmResult {
  const elements = [...new Set(included)].filter((e) => e >= 1 && e <= 9).sort((a, b) => a - b);
  const sums = new Map<number, { sum: number; n: number }>(elements.map((e) => [e, { sum: 0, n: 0 }]));
  let respondents = 0;
  for (const r of ratings) {
    let answered = false;
    for (const [key, score] of Object.entries(r)) {
      const acc = sums.get(Number(key));
      if (!acc || score === undefined) continue;
      acc.sum += score;
      acc.n++;
      answered = true;
    }
    if (answered) respondents++;
  }
  const results: SkmElementResult[] = elements.map((e) => {
    const acc = sums.get(e) ?? { sum: 0, n: 0 };
    return { element: e, answers: acc.n, nrr: acc.n > 0 ? acc.sum / acc.n : null };
  });
  const means = results.flatMap((r) => (r.nrr === null ? [] : [r.nrr]));
  if (means.length === 0) return { respondents, elements: results, ikm: null, category: null };
  const ikm = (means.reduce((a, b) => a + b, 0) / means.length) * 25;
  return { respondents, elements: results, ikm, category: skmCategory(ikm) };
}
