import { useEffect, useRef } from "preact/hooks";
import type { SyncEngine } from "../../sync/engine.ts";
import type { SyncStatus } from "../../sync/status.ts";

/**
 * Runs `work` once after every successful sync round (and at once if one has
 * already succeeded): the staff surfaces' privacy housekeeping. A failure costs
 * nothing but a delay: the next round runs it again.
 */
export function useAfterSync(engine: SyncEngine, work: () => Promise<unknown>): void {
  const latest = useRef(work);
  latest.current = work;
  useEffect(() => {
    let last: number | null = null;
    const afterSync = ({ lastSyncedAt }: SyncStatus) => {
      if (lastSyncedAt === null || lastSyncedAt === last) return;
      last = lastSyncedAt;
      latest.current().catch(() => {});
    };
    afterSync(engine.status());
    return engine.subscribe(afterSync);
  }, [engine]);
}
