/// <reference lib="webworker" />
import { type Surface, surfaceOf } from "../pwa/surfaces.ts";

/**
 * Per-role precache. The build tags the files that only the desk, board or
 * organizer surfaces need (vite.config.ts, staffSurfaceFiles); everything else
 * is the participant's and workbox precaches it on every device. A staff
 * surface's files are cached here, in a cache of their own, only on a device
 * that opens that surface: at install when such a page is open (so a desk is
 * ready offline once its worker is), and on the page's request later. The
 * device remembers its surfaces, so an update caches their new files too.
 * Hashed file names never change content: cache-first is safe, and files of
 * older builds are pruned on activation.
 */
declare const self: ServiceWorkerGlobalScope;

export type ManifestEntry = string | { url: string; revision: string | null; surfaces?: string[] };

const CACHE = "loket-surfaces";
/** a synthetic entry in CACHE that lists the surfaces this device uses */
const WANTED = "/__loket/surfaces.json";

export interface SplitManifest {
  /** precached on every device (workbox) */
  readonly core: ManifestEntry[];
  /** absolute URL → the staff surfaces that need it */
  readonly staff: Map<string, Surface[]>;
}

export function splitManifest(entries: readonly ManifestEntry[], scope: string): SplitManifest {
  const core: ManifestEntry[] = [];
  const staff = new Map<string, Surface[]>();
  for (const e of entries) {
    if (typeof e === "string" || !e.surfaces?.length) core.push(e);
    else staff.set(new URL(e.url, scope).href, e.surfaces.filter(isStaff));
  }
  return { core, staff };
}

function isStaff(s: string): s is Surface {
  return s === "desk" || s === "board" || s === "admin";
}

/** The staff surfaces this device uses: remembered ones and those open in a window now. */
export async function usedSurfaces(): Promise<Set<Surface>> {
  const used = new Set<Surface>(await remembered());
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    const s = surfaceOf(new URL(client.url).pathname);
    if (s !== "participant") used.add(s);
  }
  return used;
}

/** Caches (once) every file the given surfaces need, and remembers the surfaces. */
export async function cacheSurfaces(surfaces: Iterable<Surface>, staff: Map<string, Surface[]>): Promise<void> {
  const wanted = new Set(surfaces);
  if (wanted.size === 0) return;
  const cache = await caches.open(CACHE);
  const all = new Set([...(await remembered()), ...wanted]);
  await cache.put(WANTED, new Response(JSON.stringify([...all]), { headers: { "content-type": "application/json" } }));
  const urls = [...staff].filter(([, of]) => of.some((s) => wanted.has(s))).map(([url]) => url);
  await Promise.all(
    urls.map(async (url) => {
      if (await cache.match(url)) return;
      const res = await fetch(url, { cache: "no-cache" });
      if (res.ok) await cache.put(url, res);
    }),
  );
}

/** Drops cached files that no longer belong to this build. */
export async function pruneSurfaces(staff: Map<string, Surface[]>): Promise<void> {
  const cache = await caches.open(CACHE);
  const wantedUrl = new URL(WANTED, self.registration.scope).href;
  for (const req of await cache.keys()) {
    if (req.url !== wantedUrl && !staff.has(req.url)) await cache.delete(req);
  }
}

/** A staff file: from the cache, else from the network (and kept, so the surface works offline next time). */
export async function serveSurfaceFile(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function remembered(): Promise<Surface[]> {
  const res = await (await caches.open(CACHE)).match(WANTED);
  if (!res) return [];
  try {
    const list = (await res.json()) as unknown;
    return Array.isArray(list) ? list.filter((s): s is Surface => typeof s === "string" && isStaff(s)) : [];
  } catch {
    return [];
  }
}
