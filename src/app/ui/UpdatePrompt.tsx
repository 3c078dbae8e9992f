import { useEffect, useState } from "preact/hooks";
import { registerServiceWorker } from "../../pwa/register.ts";
import { type UpdatePhase, updates } from "../../pwa/update.ts";
import { useMessages } from "../i18n/define.ts";
import { notices } from "./notice-messages.ts";

let registered = false;

/**
 * Announces a waiting version; applies it only when the user says so (see
 * src/pwa/update.ts). Registers the service worker on first mount, after
 * subscribing, so that no news of it is missed. Loaded by UpdateBanner.
 */
export function UpdatePrompt() {
  const m = useMessages(notices);
  const [phase, setPhase] = useState<UpdatePhase>(updates.phase());
  useEffect(() => {
    const off = updates.subscribe(setPhase);
    if (!registered) {
      registered = true;
      registerServiceWorker();
    }
    return off;
  }, []);
  // "Ready offline" is news once; it leaves by itself (a TV has nobody to close it).
  useEffect(() => {
    if (phase !== "offlineReady") return;
    const t = setTimeout(() => updates.send({ type: "dismiss" }), 10_000);
    return () => clearTimeout(t);
  }, [phase]);
  if (phase === "waiting" || phase === "applying") {
    return (
      <div class="notice toast" role="status" data-testid="update-banner">
        <span>{phase === "applying" ? m.updateApplying : m.updateReady}</span>
        {phase === "waiting" && (
          <span class="actions">
            <button type="button" data-testid="update-apply" onClick={() => updates.send({ type: "accept" })}>
              {m.updateApply}
            </button>
            <button type="button" class="secondary" data-testid="update-later" onClick={() => updates.send({ type: "later" })}>
              {m.updateLater}
            </button>
          </span>
        )}
      </div>
    );
  }
  if (phase === "offlineReady") {
    // A toast over the page, not a line above it: arriving and leaving by itself,
    // it would otherwise move every button below it at moments nobody chose.
    return (
      <div class="notice ok toast" role="status" data-testid="offline-ready">
        <span>{m.offlineReady}</span>
        <button type="button" class="secondary" onClick={() => updates.send({ type: "dismiss" })}>
          {m.dismiss}
        </button>
      </div>
    );
  }
  return null;
}
