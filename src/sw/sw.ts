/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { surfaceOf } from "../pwa/surfaces.ts";
import { cacheSurfaces, type ManifestEntry, pruneSurfaces, serveSurfaceFile, splitManifest, usedSurfaces } from "./surfaces.ts";

/**
 * Kept thin on purpose (see src/pwa for the page side): the participant's
 * surface precached on every device, a staff surface's files only where it is
 * used (./surfaces.ts), navigations answered with index.html, the API never
 * cached. A new version waits until the page sends SKIP_WAITING.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: ManifestEntry[] };

const { core, staff } = splitManifest(self.__WB_MANIFEST, self.registration.scope);
precacheAndRoute(core);
cleanupOutdatedCaches();

self.addEventListener("install", (event) => {
  event.waitUntil(usedSurfaces().then((used) => cacheSurfaces(used, staff)));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(pruneSurfaces(staff));
});
registerRoute(
  ({ url }) => staff.has(url.href),
  ({ request }) => serveSurfaceFile(request),
);

registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [/^\/api\//] }));

self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") void self.skipWaiting();
  // a staff surface opened on this device: keep all its files for offline use
  if (event.data?.type === "CACHE_SURFACE" && typeof event.data.path === "string") {
    const surface = surfaceOf(event.data.path);
    if (surface !== "participant") event.waitUntil(cacheSurfaces([surface], staff));
  }
});

// A tap on a "you are called" notification brings Loket to the front.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows[0];
      return open ? open.focus() : self.clients.openWindow("/");
    }),
  );
});

clientsClaim();
