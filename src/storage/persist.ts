/**
 * Ask the browser to keep Loket's data when space runs low (Safari evicts the
 * storage of a home-screen app after weeks without use; Chrome may evict "best
 * effort" storage under pressure). The screens show "denied" so that a desk knows
 * its log lives only until the next sync.
 */
export type PersistenceState = "granted" | "denied" | "unsupported";

interface StorageManagerLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

export async function requestPersistence(
  storage: StorageManagerLike | undefined = globalThis.navigator?.storage,
): Promise<PersistenceState> {
  if (!storage?.persist) return "unsupported";
  try {
    if (storage.persisted && (await storage.persisted())) return "granted";
    return (await storage.persist()) ? "granted" : "denied";
  } catch {
    return "denied";
  }
}

/** Whether storage is already persistent, without prompting. */
export async function persistenceState(
  storage: StorageManagerLike | undefined = globalThis.navigator?.storage,
): Promise<PersistenceState> {
  if (!storage?.persisted) return "unsupported";
  try {
    return (await storage.persisted()) ? "granted" : "denied";
  } catch {
    return "denied";
  }
}
