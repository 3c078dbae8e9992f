import { useCallback, useEffect, useState } from "preact/hooks";
import { deskDomain } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import type { Actor } from "../../core/operation.ts";
import type { Device } from "../device.ts";
import { useLive } from "../hooks.ts";
import { Desk } from "./Desk.tsx";
import { type DeskSession, type OperationDraft, recordOps, signOutDesk } from "./desk-session.ts";
import { cachedEvent, refreshEvent } from "./event-cache.ts";

const DISMISSED_KEY = "deskDismissedConflicts";

/** Loads what the desk shows from the device store and wires its actions. */
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
  const tickets = useLive(() => store.allTickets(), [store]);
  const participants = useLive(() => store.allParticipants(), [store]);
  const pending = useLive(() => store.outboxCount(), [store]);
  const dismissed = useLive(() => store.getMeta<string[]>(DISMISSED_KEY), [store]);
  const [event, setEvent] = useState<LoketEvent | null>(null);

  useEffect(() => {
    let live = true;
    void cachedEvent(store, session.eventId).then((e) => live && e && setEvent(e));
    void refreshEvent(store, session.token).then((e) => live && e && setEvent(e));
    return () => {
      live = false;
    };
  }, [store, session]);

  const record = useCallback(
    async (drafts: readonly OperationDraft[]) => {
      const actor: Actor = { deviceId: device.deviceId, role: "desk", deskId: session.deskId };
      await recordOps(store, { eventId: session.eventId, actor }, drafts);
    },
    [store, device.deviceId, session],
  );

  const dismiss = useCallback(
    async (opId: string) => {
      const list = (await store.getMeta<string[]>(DISMISSED_KEY)) ?? [];
      await store.setMeta(DISMISSED_KEY, [...list.slice(-500), opId]);
    },
    [store],
  );

  const domain = deskDomain(session.deskId) ?? "K";
  return (
    <Desk
      store={store}
      deviceId={device.deviceId}
      session={session}
      domain={domain}
      event={event}
      tickets={tickets ?? []}
      participants={participants ?? []}
      pending={pending ?? 0}
      dismissed={dismissed ?? []}
      record={record}
      onDismiss={dismiss}
      onSignOut={async () => {
        const r = await signOutDesk(store);
        if (r.ok) onSignedOut();
        return r;
      }}
    />
  );
}
