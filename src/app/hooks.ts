import { useEffect, useState } from "preact/hooks";
import type { LocalStore } from "../storage/contract.ts";
import { watch } from "../storage/live.ts";
import type { PersistenceState } from "../storage/persist.ts";
import type { SyncEngine } from "../sync/engine.ts";
import type { SyncStatus } from "../sync/status.ts";
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
  // the caller names what the query depends on (`deps`)
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

/**
 * Current time, ticking every `ms` (for "x minutes ago" and offline clocks).
 * Pass the recorder's `now` wherever the time is set against stamps: it is the
 * server's time as the device knows it, right even when the device's clock is not.
 */
export function useNow(ms = 30_000, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock());
  useEffect(() => {
    const t = setInterval(() => setNow(clock()), ms);
    return () => clearInterval(t);
  }, [ms, clock]);
  return now;
}

/**
 * The sync engine's status, re-rendering on every change. The last successful
 * sync is also kept on the device (meta "lastSyncedAt"), so that a page opened
 * offline still says when its data was last fresh.
 */
export function useSyncStatus(engine: SyncEngine | null, store?: LocalStore): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(engine?.status() ?? null);
  const [kept, setKept] = useState<number | null>(null);
  useEffect(() => {
    if (!engine) return;
    setStatus(engine.status());
    return engine.subscribe(setStatus);
  }, [engine]);
  useEffect(() => {
    if (!store) return;
    void store.getMeta<number>(LAST_SYNCED_KEY).then((v) => setKept(v ?? null));
  }, [store]);
  const fresh = status?.lastSyncedAt ?? null;
  useEffect(() => {
    if (store && fresh !== null) void store.setMeta(LAST_SYNCED_KEY, fresh);
  }, [store, fresh]);
  if (!status) return null;
  return fresh === null && kept !== null ? { ...status, lastSyncedAt: kept } : status;
}

const LAST_SYNCED_KEY = "lastSyncedAt";

/** When the browser itself says it went offline (ms), or null while online. */
export function useBrowserOffline(): number | null {
  const [since, setSince] = useState<number | null>(() => (globalThis.navigator?.onLine === false ? Date.now() : null));
  useEffect(() => {
    const off = () => setSince((s) => s ?? Date.now());
    const on = () => setSince(null);
    window.addEventListener("offline", off);
    window.addEventListener("online", on);
    return () => {
      window.removeEventListener("offline", off);
      window.removeEventListener("online", on);
    };
  }, []);
  return since;
}
