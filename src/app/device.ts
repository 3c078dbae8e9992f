import { newId } from "../core/ids.ts";
import { type DexieStore, onBlockedByNewVersion, openDexieStore } from "../storage/dexie-store.ts";
import { type PersistenceState, requestPersistence } from "../storage/persist.ts";

/**
 * This device, as every surface sees it: the local store opened once per page,
 * and a device id made once and kept in the store (operations and the clock
 * carry it). Session wiring (recorder, sync engine) is in connection.ts.
 */
export interface Device {
  readonly store: DexieStore;
  readonly deviceId: string;
}

let opening: Promise<Device> | null = null;

export function openDevice(): Promise<Device> {
  if (!opening) {
    opening = (async () => {
      const store = await openDexieStore();
      let deviceId = await store.getMeta<string>("deviceId");
      if (!deviceId) {
        deviceId = newId();
        await store.setMeta("deviceId", deviceId);
      }
      void checkPersistence();
      return { store, deviceId };
    })();
    // a failed open (private mode, quota) may be retried
    opening.catch(() => {
      opening = null;
    });
  }
  return opening;
}

// ---- persistent storage ------------------------------------------------------

let persistence: PersistenceState | null = null;
const persistenceListeners = new Set<(s: PersistenceState) => void>();

async function checkPersistence(): Promise<void> {
  persistence = await requestPersistence();
  for (const l of persistenceListeners) l(persistence);
}

export function onPersistence(cb: (s: PersistenceState) => void): () => void {
  if (persistence) cb(persistence);
  persistenceListeners.add(cb);
  return () => {
    persistenceListeners.delete(cb);
  };
}

// ---- another tab upgraded the database --------------------------------------

let upgraded = false;
const upgradeListeners = new Set<() => void>();
onBlockedByNewVersion(() => {
  upgraded = true;
  for (const l of upgradeListeners) l();
});

export function onDatabaseUpgraded(cb: () => void): () => void {
  if (upgraded) cb();
  upgradeListeners.add(cb);
  return () => {
    upgradeListeners.delete(cb);
  };
}
