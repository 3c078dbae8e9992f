/**
 * The device's reserved queue numbers for offline walk-ins: blocks the server
 * gave it (POST /api/blocks), kept under the meta key "reservedNumbers". Pure
 * functions over the list; the stores apply them inside one transaction, so a
 * number is read and marked used in one step (two walk-ins made at the same
 * moment, in one tab or two, never get the same number).
 */
export const RESERVED_NUMBERS_KEY = "reservedNumbers";

export interface ReservedBlock {
  readonly domain: string;
  /** the next unused number */
  readonly next: number;
  /** the block's last number (inclusive) */
  readonly to: number;
}

/** Adds a block the server gave (unless already held), dropping used-up ones. */
export function withBlock(blocks: readonly ReservedBlock[], block: ReservedBlock): ReservedBlock[] {
  const kept = blocks.filter((b) => b.next <= b.to);
  if (kept.some((b) => b.domain === block.domain && b.to === block.to)) return kept;
  return [...kept, block].sort((a, b) => a.next - b.next);
}

/** The next number of the domain and the list after taking it, or null when none is left. */
export function takeNumber(
  blocks: readonly ReservedBlock[],
  domain: string,
): { readonly number: number; readonly blocks: ReservedBlock[] } | null {
  const i = blocks.findIndex((b) => b.domain === domain && b.next <= b.to);
  const b = blocks[i];
  if (!b) return null;
  const after = blocks.map((x, j) => (j === i ? { ...x, next: x.next + 1 } : x)).filter((x) => x.next <= x.to);
  return { number: b.next, blocks: after };
}

/** How many numbers of the domain are left. */
export function numbersLeft(blocks: readonly ReservedBlock[], domain: string): number {
  return blocks.reduce((n, b) => n + (b.domain === domain ? Math.max(0, b.to - b.next + 1) : 0), 0);
}
