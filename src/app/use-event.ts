import { useEffect, useState } from "preact/hooks";
import type { LoketEvent } from "../core/event.ts";
import type { AuthResponse } from "../core/protocol.ts";
import { cachedEvent, refreshEvent } from "./connection.ts";
import type { Device } from "./device.ts";

/**
 * The session's event: the copy kept on the device at once (offline), then a
 * fresh one from the server when reachable. `undefined` while looking, `null`
 * when neither exists (first visit with no network).
 */
export function useEvent(device: Device, session: AuthResponse | null): LoketEvent | null | undefined {
  const [event, setEvent] = useState<LoketEvent | null | undefined>(undefined);
  useEffect(() => {
    if (!session) return;
    let live = true;
    void (async () => {
      const cached = await cachedEvent(device, session.eventId);
      if (live && cached) setEvent(cached);
      const fresh = await refreshEvent(device, session);
      if (live) setEvent(fresh ?? cached ?? null);
    })();
    return () => {
      live = false;
    };
    // Keyed on the event and token, not the session object: the join reads the stored
    // session again when the join code leaves the address bar (a new object, the same
    // session), and the first visit fetched the event twice.
  }, [device, session?.eventId, session?.token]);
  return event;
}
