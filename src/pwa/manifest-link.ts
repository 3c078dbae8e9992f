import { SURFACES, surfaceOf } from "./surfaces.ts";

/**
 * Gives the page the `<link rel="manifest">` of its surface. One index.html
 * serves every route, so the built HTML has no manifest link at all
 * (vite.config.ts manifestLinkByScript): with one there, Chromium could fetch
 * it at load and keep it, whatever the link said later. Added once, with its
 * href already set, the first manifest the browser sees is the route's own.
 */
export function linkSurfaceManifest(doc: Document = document): void {
  const href = `/${SURFACES[surfaceOf(doc.location.pathname)].manifest}`;
  const link = doc.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (link) {
    if (link.getAttribute("href") !== href) link.setAttribute("href", href);
    return;
  }
  const added = doc.createElement("link");
  added.rel = "manifest";
  added.href = href;
  doc.head.append(added);
}
