import { useCallback, useMemo } from "preact/hooks";
import { deskDomain } from "../../core/domain.ts";
import { profilesNoLongerNeeded } from "../../core/retention.ts";
import { UnsyncedChangesError } from "../../storage/contract.ts";
import { signOut } from "../../sync/session.ts";
import { connect } from "../connection.ts";
import type { Device } from "../device.ts";
import { useLive, useSyncStatus } from "../hooks.ts";
import { useAfterSync } from "../ui/use-after-sync.ts";
import { useEvent } from "../use-event.ts";
import { Desk } from "./Desk.tsx";
import type { DeskSession, OperationDraft } from "./desk-session.ts";
import { DESK_LAST_SYNC_KEY } from "./line-freshness.ts";
import { requestBlock, reservedTopUp } from "./reserved.ts";

const DISMISSED_KEY = "deskDismissedConflicts";

/** Loads what the desk shows from the device store and wires its actions to the recorder and the sync engine. */
export function DeskWithData({
  device,
  session,
  onSignedOut,
}: {
  device: Device;
  session: DeskSession;
  onSignedOut: () => void;
}) {
  const { store } = device;
  const conn = useMemo(() => connect(device, session), [device, session]);
  const status = useSyncStatus(conn.engine);
  const event = useEvent(device, session) ?? null;
  const tickets = useLive(() => store.allTickets(), [store]);
  const participants = useLive(() => store.allParticipants(), [store]);
  const pending = useLive(() => store.outboxCount(), [store]);
  const dismissed = useLive(() => store.getMeta<string[]>(DISMISSED_KEY), [store]);
  const domain = deskDomain(session.deskId) ?? "K";
  const topUp = useMemo(() => reservedTopUp(store, domain, (d) => requestBlock(session, d)), [store, domain, session]);
  const storedLastSync = useLive(() => store.getMeta<number>(DESK_LAST_SYNC_KEY), [store]);

  // After each sync (the server is reachable): keep this desk's reserved
  // numbers topped up, so walk-ins get real numbers even offline.
  // UU 27/2022: after each sync, forget the profiles of participants this desk
  // is done with and the words of those erased (only what the server holds).
  useAfterSync(conn.engine, async () => {
    // for the line's "not updated since" after a reload while offline (to the spacing's 10 s)
    const at = conn.engine.status().lastSyncedAt;
    if (at !== null) await store.setMeta(DESK_LAST_SYNC_KEY, at);
    await topUp();
    await store.forgetProfiles(profilesNoLongerNeeded);
    await store.redactErased();
  });

  const record = useCallback(
    async (drafts: readonly OperationDraft[]) => {
      await conn.recorder.recordAll(drafts);
    },
    [conn],
  );

  const dismiss = useCallback(
    async (opIds: readonly string[]) => {
      const list = (await store.getMeta<string[]>(DISMISSED_KEY)) ?? [];
      await store.setMeta(DISMISSED_KEY, [...list.slice(-500), ...opIds]);
    },
    [store],
  );

  return (
    <Desk
      store={store}
      deviceId={session.deviceId}
      session={session}
      domain={domain}
      event={event}
      status={status}
      pending={pending ?? 0}
      onSyncNow={() => void conn.engine.syncNow()}
      tickets={tickets ?? []}
      participants={participants ?? []}
      dismissed={dismissed ?? []}
      storedLastSync={storedLastSync ?? null}
      clock={conn.recorder.now}
      record={record}
      onDismiss={dismiss}
      onSignOut={async () => {
        try {
          await signOut(store);
          conn.engine.stop();
          onSignedOut();
          return { ok: true };
        } catch (e) {
          if (e instanceof UnsyncedChangesError) return { ok: false, pending: e.pending };
          throw e;
        }
      }}
    />
  );
}
