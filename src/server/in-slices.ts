/**
 * Work on a list on the server's one thread in slices of about `sliceMs`,
 * with a turn of the event loop (setImmediate) between slices, so that other
 * requests are answered meanwhile. Checking a 500-operation push against the
 * operation schema took 10–40 ms in one piece on a busy machine, and every
 * request of every event waited behind it (issue 9, point 6); the store
 * stores a push in slices of the same length (store/sqlite.ts).
 */
/**
 * About how long one slice may hold the server's thread: at ~0.5 ms an
 * operation on a busy machine, a health check waits a few ms behind a
 * 10,000-operation stream instead of a whole 500-operation push.
 */
export const SLICE_MS = 8;

/**
 * A turn-taker for work done in slices: await it before each piece; it gives
 * the event loop a turn (setImmediate) once `sliceMs` of work has gone by
 * since the last turn, and returns at once otherwise.
 */
export function sliceTurns(sliceMs: number = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> {
  let deadline = now() + sliceMs;
  return async () => {
    if (now() < deadline) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    deadline = now() + sliceMs;
  };
}

export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  sliceMs: number = SLICE_MS,
  now: () => number = () => performance.now(),
): Promise<R[]> {
  const turn = sliceTurns(sliceMs, now);
  const out: R[] = [];
  for (const [i, item] of items.entries()) {
    await turn();
    out.push(fn(item, i));
  }
  return out;
}
