/**
 * Work on a list on the server's one thread in slices of about `sliceMs`,
 * with a turn of the event loop (setImmediate) between slices, so that other
 * requests are answered meanwhile. Checking a 500-operation push against the
 * operation schema took 10–40 ms in one piece on a busy machine, and every
 * request of every event waited behind it (issue 9, point 6); the store
 * stores a push in slices of the same length (store/sqlite.ts).
 */
export const SLICE_MS = 8;

export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  sliceMs: number = SLICE_MS,
  now: () => number = () => performance.now(),
): Promise<R[]> {
  const out: R[] = [];
  let deadline = now() + sliceMs;
  for (const [i, item] of items.entries()) {
    if (now() >= deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      deadline = now() + sliceMs;
    }
    out.push(fn(item, i));
  }
  return out;
}
