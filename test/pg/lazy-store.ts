import { openPostgresStore } from "../../src/server/store/postgres.ts";
import type { SyncStore } from "../../src/server/store/types.ts";
import { testPostgres } from "./pg-server-process.ts";

/**
 * A PostgreSQL store on a fresh database that can be handed out synchronously,
 * where code written for `openSqliteStore(file)` expects one: each call waits
 * for the database to be ready. Lets the in-process suites (the fuzz test, the
 * convergence simulation) run unchanged on PostgreSQL through `vi.mock`.
 */
export function lazyPostgresStore(database?: Promise<string>): SyncStore {
  const url = database ?? testPostgres().then((pg) => pg.newDatabase());
  const ready = url.then((u) => openPostgresStore(u));
  ready.catch(() => {});
  const later =
    <K extends keyof SyncStore>(name: K) =>
    async (...args: Parameters<SyncStore[K]>) =>
      // biome-ignore lint/suspicious/noExplicitAny: forwards each method with its own arguments
      ((await ready)[name] as (...a: any[]) => any)(...args);
  return {
    getEvent: later("getEvent"),
    putEvent: later("putEvent"),
    getCodes: later("getCodes"),
    participantIdFor: later("participantIdFor"),
    bindDevice: later("bindDevice"),
    ticketsHeldBy: later("ticketsHeldBy"),
    putToken: later("putToken"),
    getToken: later("getToken"),
    push: later("push"),
    pull: later("pull"),
    profilesOf: later("profilesOf"),
    latestSeq: later("latestSeq"),
    reserveBlock: later("reserveBlock"),
    listEvents: later("listEvents"),
    recordDevices: later("recordDevices"),
    listDevices: later("listDevices"),
    purgeParticipants: later("purgeParticipants"),
    history: later("history"),
    deviceOf: later("deviceOf"),
    integrityCheck: later("integrityCheck"),
    savePushSubscription: later("savePushSubscription"),
    deletePushSubscription: later("deletePushSubscription"),
    pushSubscriptionsOf: later("pushSubscriptionsOf"),
    ticketOwner: later("ticketOwner"),
    ticketOps: later("ticketOps"),
    lineOps: later("lineOps"),
    markPushSent: later("markPushSent"),
    close: later("close"),
  };
}
