import { newId } from "../core/ids.ts";
import { type DexieStore, onBlockedByNewVersion, openDexieStore } from "../storage/dexie-store.ts";
import { type PersistenceState, requestPersistence } from "../storage/persist.ts";
import { deviceKeyFor } from "../sync/device-key.ts";

/**
 * This device, as every surface sees it: the local store opened once per page,
 * and its participant key's device id (sync/device-key.ts; a desk or organizer
 * session has a key and id of its own: use `session.deviceId` for those).
 * Session wiring (recorder, sync engine) is in connection.ts.
 *
 * `clockNode` is a random id made once per device for its hybrid clock's node
 * field: stamps travel to every participant, so they carry a name that grants
 * nothing and does not reveal the device id.
 */
export interface Device {
  readonly store: DexieStore;
  readonly deviceId: string;
  readonly clockNode: string;
}

let opening: Promise<Device> | null = null;

export function openDevice(): Promise<Device> {
  if (!opening) {
    opening = (async () => {
      const store = await openDexieStore();
      let clockNode = await store.getMeta<string>("clockNode");
      if (!clockNode) {
        clockNode = newId();
        await store.setMeta("clockNode", clockNode);
      }
      // Without a secure context there is no WebCrypto: the app still opens
      // (offline views) and sign-in says why it cannot go further.
      const deviceId = await deviceKeyFor(store, "participant").then(
        (k) => k.deviceId,
        () => clockNode,
      );
      void checkPersistence();
      return { store, deviceId, clockNode };
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
