import type { LocalStore } from "../../src/storage/contract.ts";
import { createMemoryStore } from "../../src/storage/memory-store.ts";
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from "../../src/sync/engine.ts";
import type { Device } from "./client.ts";

/**
 * The real sync engine on a memory store, signed in as `device`, talking to a
 * real server process. No timers, no live stream, no browser triggers: the
 * test runs each round with `syncNow()` and waits for nothing else.
 */
export interface EngineDevice {
  store: LocalStore;
  engine: SyncEngine;
  /** point the engine at another address (the server came back on another port) */
  moveTo(base: string): void;
}

export function engineDevice(
  base: string,
  device: Device,
  extra: Partial<SyncEngineOptions> = {},
  store: LocalStore = createMemoryStore(),
): EngineDevice {
  let at = base;
  const engine = createSyncEngine({
    store,
    baseUrl: "",
    fetch: (input, init) => fetch(`${at}${String(input)}`, init),
    getToken: async () => device.auth.token,
    eventSource: null,
    environment: null,
    setTimeout: () => 0,
    clearTimeout: () => {},
    ...extra,
  });
  return {
    store,
    engine,
    moveTo(next) {
      at = next;
    },
  };
}
