/**
 * The update prompt as a plain state machine.
 *
 * A new service worker that has installed waits; it is announced, never
 * applied under the user's hands. It is applied when the user accepts, or by
 * itself only when nobody is looking (the page is hidden) and no work is open
 * (no form with unsaved input, no consultation running) — so a reload never
 * loses typing, and a phone left in a pocket still ends up on the new version.
 */
export type UpdatePhase =
  /** nothing to say */
  | "idle"
  /** first install done: the app now works offline (said once) */
  | "offlineReady"
  /** a new version waits; the banner shows */
  | "waiting"
  /** the user chose "later": the banner hides until the page is next hidden and shown */
  | "deferred"
  /** skip-waiting sent; reload when the new worker controls the page */
  | "applying";

export type UpdateEvent =
  | { type: "offlineReady" }
  | { type: "waiting" }
  | { type: "accept" }
  | { type: "later" }
  | { type: "dismiss" }
  | { type: "hidden"; workOpen: boolean }
  | { type: "visible" };

export interface Transition {
  phase: UpdatePhase;
  /** true when this transition must send SKIP_WAITING to the waiting worker */
  apply: boolean;
}

export function nextUpdate(phase: UpdatePhase, event: UpdateEvent): Transition {
  const stay = { phase, apply: false };
  if (phase === "applying") return stay;
  switch (event.type) {
    case "offlineReady":
      return phase === "idle" ? { phase: "offlineReady", apply: false } : stay;
    case "waiting":
      return { phase: "waiting", apply: false };
    case "accept":
      return phase === "waiting" || phase === "deferred" ? { phase: "applying", apply: true } : stay;
    case "later":
      return phase === "waiting" ? { phase: "deferred", apply: false } : stay;
    case "dismiss":
      return phase === "offlineReady" ? { phase: "idle", apply: false } : stay;
    case "hidden":
      if ((phase === "waiting" || phase === "deferred") && !event.workOpen) return { phase: "applying", apply: true };
      return stay;
    case "visible":
      // a deferred update is offered again the next time the user comes back
      return phase === "deferred" ? { phase: "waiting", apply: false } : stay;
  }
}

/** A tiny observable around the machine; `onApply` performs the effect (set by register.ts). */
export interface UpdateStore {
  phase(): UpdatePhase;
  send(event: UpdateEvent): void;
  subscribe(cb: (phase: UpdatePhase) => void): () => void;
}

export function createUpdateStore(onApply: () => void): UpdateStore {
  let current: UpdatePhase = "idle";
  const listeners = new Set<(p: UpdatePhase) => void>();
  return {
    phase: () => current,
    send(event) {
      const t = nextUpdate(current, event);
      const changed = t.phase !== current;
      current = t.phase;
      if (t.apply) onApply();
      if (changed) for (const l of listeners) l(current);
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
  };
}

let applyEffect: () => void = () => undefined;

/** The page's one update store; register.ts gives it the skip-waiting effect. */
export const updates: UpdateStore = createUpdateStore(() => applyEffect());

export function setApplyEffect(fn: () => void): void {
  applyEffect = fn;
}
