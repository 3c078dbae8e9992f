/**
 * A seeded source of randomness (mulberry32), so that a failing simulation is
 * replayed exactly from its seed (after tldraw's RandomSource).
 */
export interface Random {
  readonly seed: number;
  /** [0, 1) */
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** fill a byte array, for seeded ids */
  bytes(buf: Uint8Array): Uint8Array;
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick from nothing");
      return items[Math.floor(next() * items.length)] as T;
    },
    bytes(buf) {
      for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(next() * 256);
      return buf;
    },
  };
}
