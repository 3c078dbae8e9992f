import { SURFACES, surfaceOf } from "./surfaces.ts";

/**
 * Gives the page the `<link rel="manifest">` of its surface. One index.html
 * serves every route, so the built HTML has no manifest link at all
 * (vite.config.ts manifestLinkByScript): with one there, Chromium could fetch
 * it at load and keep it, whatever the link said later (test/e2e/pwa-install
 * checks the HTML has none). Added once, with its href already set, the first
 * manifest the browser sees is the route's own.
 */
export function linkSurfaceManifest(doc: Document = document): void {
  const link = doc.createElement("link");
  link.rel = "manifest";
  link.href = `/${SURFACES[surfaceOf(doc.location.pathname)].manifest}`;
  doc.head.append(link);
}
