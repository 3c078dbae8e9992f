import { useEffect, useRef } from "preact/hooks";
import type { SyncEngine } from "../../sync/engine.ts";
import type { SyncStatus } from "../../sync/status.ts";
import { spacedRunner } from "./spaced-runner.ts";

/**
 * Runs `work` after successful sync rounds (and at once if one has already
 * succeeded): the staff surfaces' privacy housekeeping. Rounds come with every
 * change at the venue; the work reads whole tables, so it runs at most once
 * per `spacingMs`, and once more after the last round inside that time. A
 * failure costs nothing but a delay: the next round runs it again.
 */
export function useAfterSync(engine: SyncEngine, work: () => Promise<unknown>, spacingMs = 10_000): void {
  const latest = useRef(work);
  latest.current = work;
  useEffect(() => {
    const runner = spacedRunner(() => {
      latest.current().catch(() => {});
    }, spacingMs);
    let last: number | null = null;
    const afterSync = ({ lastSyncedAt }: SyncStatus) => {
      if (lastSyncedAt === null || lastSyncedAt === last) return;
      last = lastSyncedAt;
      runner.poke();
    };
    afterSync(engine.status());
    const unsubscribe = engine.subscribe(afterSync);
    return () => {
      unsubscribe();
      runner.cancel();
    };
  }, [engine, spacingMs]);
}
