import { useEffect, useRef } from "preact/hooks";
import { showNotification } from "../../pwa/notify.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { useMessages } from "../i18n/define.ts";
import { beep, unlockAudioOnGesture } from "../sound.ts";
import { type AlertMemory, dueAlerts, EMPTY_MEMORY } from "./alerts.ts";
import { participant } from "./messages.ts";
import type { TicketView } from "./ticket-view.ts";

const MEMORY_KEY = "alerts";

/** Sound, vibration and a system notification when a ticket is called or comes near. */
export function useCallAlerts(store: LocalStore, views: readonly TicketView[] | undefined, nearAt: number | null): void {
  const m = useMessages(participant);
  const memory = useRef<AlertMemory | null>(null);

  useEffect(() => unlockAudioOnGesture(), []);

  useEffect(() => {
    if (!views) return;
    let live = true;
    void (async () => {
      memory.current ??= (await store.getMeta<AlertMemory>(MEMORY_KEY)) ?? EMPTY_MEMORY;
      const { alerts, memory: next } = dueAlerts(views, nearAt, memory.current);
      if (!live || alerts.length === 0) return;
      memory.current = next;
      await store.setMeta(MEMORY_KEY, next);
      beep();
      navigator.vibrate?.([400, 150, 400, 150, 700]);
      for (const a of alerts) {
        const v = views.find((t) => t.id === a.ticketId);
        if (!v) continue;
        if (a.kind === "called") {
          void showNotification(m.notifyCalledTitle(v.number), v.deskId ? m.notifyCalledBody(v.deskId) : "", `call-${v.id}`);
        } else {
          void showNotification(m.notifyNearTitle(v.number), m.notifyNearBody(a.place), `near-${v.id}`);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [views, nearAt, store, m]);
}
