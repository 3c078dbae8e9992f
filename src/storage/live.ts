import { liveQuery } from "dexie";

/**
 * Re-run a query whenever the data it read changes, in this tab or another
 * (Dexie's liveQuery observes the ranges a query reads and is told of writes
 * across tabs). Screens use this instead of importing Dexie:
 *
 *     useEffect(() => watch(() => store.waitingLine("K"), setLine), [store]);
 *
 * The query must only await store calls (no fetch or timers inside), so that
 * Dexie can see what it reads. Errors go to `onError` (default: console).
 * Returns the function that stops watching.
 */
export function watch<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void = (e) => console.error("watch failed", e),
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
