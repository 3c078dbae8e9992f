import { useEffect, useState } from "preact/hooks";
import { deferred } from "./deferred.tsx";

const UpdatePrompt = deferred(() => import("./UpdatePrompt.tsx").then((m) => m.UpdatePrompt));

/**
 * The update prompt's place in the shell. The prompt, the update state machine
 * and the service worker's registration (workbox-window) load together once the
 * page has shown itself: none is needed to draw the first screen, and the prompt
 * has nothing to say before the worker is registered.
 */
export function UpdateBanner() {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const later = globalThis.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1500));
    later(() => setIdle(true));
  }, []);
  return idle ? <UpdatePrompt /> : null;
}
