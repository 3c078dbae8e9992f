/**
 * The four surfaces of Loket, each installable as its own app: a desk, a board
 * or an organizer's device added to the home screen opens its own surface, not
 * the participant's page. Pure data and one lookup: the build (vite.config.ts)
 * writes one web app manifest per surface from it, and the page links the one
 * for its route (src/pwa/manifest-link.ts).
 */
export type Surface = "participant" | "desk" | "board" | "admin";

export interface SurfaceApp {
  /** the route, and the installed app's start_url and id */
  readonly path: string;
  /** the manifest's file name in dist/ */
  readonly manifest: string;
  readonly name: string;
  /** at most 12 characters: what a home screen shows under the icon */
  readonly shortName: string;
}

export const SURFACES: Record<Surface, SurfaceApp> = {
  participant: {
    path: "/",
    manifest: "manifest.webmanifest",
    name: "Loket — Klinik Konsultasi PANRB",
    shortName: "Loket",
  },
  desk: { path: "/desk", manifest: "desk.webmanifest", name: "Loket Meja — Klinik Konsultasi PANRB", shortName: "Loket Meja" },
  board: {
    path: "/board",
    manifest: "board.webmanifest",
    name: "Loket Papan Antrean — Klinik Konsultasi",
    shortName: "Loket Papan",
  },
  admin: {
    path: "/admin",
    manifest: "admin.webmanifest",
    name: "Loket Panitia — Klinik Konsultasi PANRB",
    shortName: "Loket Admin",
  },
};

/** The surface a path belongs to (`/desk`, `/desk/…`); everything else is the participant's. */
export function surfaceOf(pathname: string): Surface {
  for (const s of ["desk", "board", "admin"] as const) {
    const p = SURFACES[s].path;
    if (pathname === p || pathname.startsWith(`${p}/`)) return s;
  }
  return "participant";
}
