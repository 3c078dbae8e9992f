import { Workbox } from "workbox-window";
import { setApplyEffect, updates } from "./update.ts";
import { isWorkOpen } from "./work.ts";

/**
 * The only module that touches navigator.serviceWorker (with workbox-window).
 *
 * Registers /sw.js, looks for a new version every 30 minutes and whenever the
 * app becomes visible (home-screen apps on iOS otherwise never check), and
 * feeds the update state machine. The page reloads only after the new worker
 * took control following an apply that the machine allowed.
 */
const CHECK_EVERY_MS = 30 * 60 * 1000;

let wb: Workbox | null = null;
let applied = false;

setApplyEffect(() => {
  applied = true;
  if (wb) wb.messageSkipWaiting();
});

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !("serviceWorker" in navigator)) return;
  wb = new Workbox("/sw.js", { scope: "/" });
  wb.addEventListener("waiting", () => updates.send({ type: "waiting" }));
  wb.addEventListener("installed", (e) => {
    if (!e.isUpdate) updates.send({ type: "offlineReady" });
  });
  // Reload only for an update this page applied (never for one a sibling tab
  // took), and once. Watching controllerchange directly also covers a worker
  // that workbox-window counts as "external" (found by registration.update()).
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!applied || reloading) return;
    reloading = true;
    window.location.reload();
  });
  void wb.register().then((registration) => {
    if (!registration) return;
    // A staff surface (desk, board, organizer) asks the worker to keep its files: the
    // participant's phone never downloads them (per-role precache, src/sw/surfaces.ts).
    if (location.pathname !== "/")
      void navigator.serviceWorker.ready.then((r) => r.active?.postMessage({ type: "CACHE_SURFACE", path: location.pathname }));
    const check = () => {
      if (navigator.onLine) void registration.update().catch(() => undefined);
    };
    setInterval(check, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") {
        updates.send({ type: "visible" });
        check();
      } else {
        updates.send({ type: "hidden", workOpen: isWorkOpen() });
      }
    });
  });
}
