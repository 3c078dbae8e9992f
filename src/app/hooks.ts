import { useEffect, useState } from "preact/hooks";
import type { PersistenceState } from "../storage/persist.ts";
import type { SyncEngine } from "../sync/engine.ts";
import type { SyncStatus } from "../sync/status.ts";
import { watch } from "../storage/live.ts";
import { type Device, onDatabaseUpgraded, onPersistence, openDevice } from "./device.ts";

/** The device once its store is open; `error` when it cannot be opened. */
export function useDevice(): { device: Device | null; error: unknown; retry: () => void } {
  const [device, setDevice] = useState<Device | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    openDevice().then(
      (d) => live && setDevice(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return {
    device,
    error,
    retry: () => {
      setError(null);
      setAttempt((n) => n + 1);
    },
  };
}

/**
 * A store query that re-runs when the data it read changes (in this tab or
 * another). `undefined` until the first answer. Pass `null` to wait.
 */
export function useLive<T>(query: (() => Promise<T>) | null, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the query depends on
  useEffect(() => {
    if (!query) return;
    return watch(query, setValue);
  }, deps);
  return value;
}

export function usePersistence(): PersistenceState | null {
  const [state, setState] = useState<PersistenceState | null>(null);
  useEffect(() => onPersistence(setState), []);
  return state;
}

export function useDatabaseUpgraded(): boolean {
  const [upgraded, setUpgraded] = useState(false);
  useEffect(() => onDatabaseUpgraded(() => setUpgraded(true)), []);
  return upgraded;
}

/** Current time, ticking every `ms` (for "x minutes ago" and offline clocks). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The sync engine's status, re-rendering on every change. */
export function useSyncStatus(engine: SyncEngine | null): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(engine?.status() ?? null);
  useEffect(() => {
    if (!engine) return;
    setStatus(engine.status());
    return engine.subscribe(setStatus);
  }, [engine]);
  return status;
}
