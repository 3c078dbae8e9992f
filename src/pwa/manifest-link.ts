import { SURFACES, surfaceOf } from "./surfaces.ts";

/**
 * Points the page's `<link rel="manifest">` at its surface's manifest, before
 * the browser looks at it: one index.html serves every route, so the link is
 * set here rather than in the HTML. Chromium reads the manifest when it decides
 * on installing, after this has run.
 */
export function linkSurfaceManifest(doc: Document = document): void {
  const link = doc.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  const href = `/${SURFACES[surfaceOf(doc.location.pathname)].manifest}`;
  if (link && link.getAttribute("href") !== href) link.setAttribute("href", href);
}
