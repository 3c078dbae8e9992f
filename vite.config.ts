import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin, type Rolldown } from "vite";
import { type ManifestOptions, VitePWA } from "vite-plugin-pwa";
import { SURFACES } from "./src/pwa/surfaces.ts";

/** The participant's web app manifest; the desk, board and organizer get theirs from it (surfaceManifests). */
const MANIFEST = {
  id: "/",
  name: SURFACES.participant.name,
  short_name: SURFACES.participant.shortName,
  description: "Antrean dan catatan konsultasi Klinik Konsultasi Kementerian PANRB — bekerja tanpa internet.",
  lang: "id",
  dir: "ltr",
  start_url: "/",
  scope: "/",
  display: "standalone",
  orientation: "any",
  theme_color: "#0b4f8a",
  background_color: "#ffffff",
  categories: ["government", "productivity"],
  icons: [
    { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
} satisfies Partial<ManifestOptions>;

/**
 * One manifest per staff surface (desk, board, organizer): its own id and
 * start_url, so that a device added to the home screen opens its own surface
 * and installs as an app apart from the participant's. The page links the
 * manifest of its route (src/pwa/manifest-link.ts).
 */
function surfaceManifests(): Plugin {
  return {
    name: "loket-surface-manifests",
    apply: "build",
    generateBundle() {
      for (const surface of [SURFACES.desk, SURFACES.board, SURFACES.admin]) {
        const manifest = {
          ...MANIFEST,
          id: surface.path,
          name: surface.name,
          short_name: surface.shortName,
          start_url: surface.path,
        };
        this.emitFile({ type: "asset", fileName: surface.manifest, source: JSON.stringify(manifest) });
      }
    },
  };
}

/**
 * Takes the plugin's `<link rel="manifest">` out of index.html: one page serves
 * every route, and a link to the participant's manifest in the HTML let
 * Chromium fetch that one at load, before the script could point the link at
 * the route's own; a desk then installed as the participant's app. The script
 * adds the route's link (src/pwa/manifest-link.ts), so the first manifest the
 * browser sees is the right one. Listed after VitePWA: its hook runs first.
 */
function manifestLinkByScript(): Plugin {
  return {
    name: "loket-manifest-link-by-script",
    apply: "build",
    enforce: "post",
    transformIndexHtml: {
      order: "post",
      handler: (html) => html.replace(/<link rel="manifest"[^>]*>\s*/g, ""),
    },
  };
}

/**
 * The PWA build. The service worker (src/sw/sw.ts) is our own, kept thin;
 * the plugin only injects the precache manifest into it and writes the web app
 * manifest. Registration and the update prompt live in src/pwa/register.ts
 * (registerType "prompt": a new version is announced, never forced).
 */
export default defineConfig({
  plugins: [
    preact(),
    surfaceManifests(),
    staffSurfaceFiles(),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src/sw",
      filename: "sw.ts",
      registerType: "prompt",
      injectRegister: false,
      injectManifest: {
        // Every route chunk and its CSS; the staff surfaces' files are tagged (staffSurfaceFiles)
        // so the worker precaches them only on a device that opens that surface.
        // No PNG icons: the browser fetches them itself when it installs the app, and a
        // participant's phone on prepaid data should not pay 24 KB for them up front.
        globPatterns: ["**/*.{js,css,html,svg,webmanifest}"],
        manifestTransforms: [
          (entries) => ({
            manifest: entries.map((e) => {
              const surfaces = staffFiles.get(e.url);
              return surfaces ? { ...e, surfaces } : e;
            }),
          }),
        ],
      },
      includeAssets: ["favicon.svg"],
      // The plugin adds the manifest's icons to the precache by default (21 KB of PNG on a
      // phone's first visit, the globPatterns above notwithstanding): left to the browser.
      includeManifestIcons: false,
      manifest: MANIFEST,
      devOptions: { enabled: false },
    }),
    manifestLinkByScript(),
  ],
  resolve: {
    // Dexie's modern ES build instead of its UMD wrapper: the same code, ES modules, ~1.5 KB less
    // gzip on the participant's first visit (the budget). One copy is bundled, so the wrapper's
    // guard against two Dexie instances is not needed.
    alias: [{ find: /^dexie$/, replacement: "dexie/dist/modern/dexie.mjs" }],
  },
  build: {
    target: "es2020",
    sourcemap: false,
    // No module preloading (its polyfill and the per-import dependency lists): with the
    // shell chunk below, a route's chunk has nothing left to preload on `/` (its one
    // dependency is the shell, already running), and a lazy panel's few KB arrive
    // one request later at worst. CSS of lazy chunks is still loaded with them.
    modulePreload: false,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: shellChunk }] } } },
  },
  server: { proxy: { "/api": "http://localhost:8080" } },
});

/** dist-relative file → the staff surfaces that need it (files the participant's surface needs are not here) */
const staffFiles = new Map<string, string[]>();
const STAFF_ROUTES: Record<string, string> = {
  desk: fileURLToPath(new URL("src/app/desk/DeskPage.tsx", import.meta.url)),
  board: fileURLToPath(new URL("src/app/board/BoardPage.tsx", import.meta.url)),
  admin: fileURLToPath(new URL("src/app/admin/AdminPage.tsx", import.meta.url)),
};

/**
 * Per-role precache. A participant's phone on prepaid data must not download
 * the desk's, board's and organizer's code it never runs. From the output
 * graph: the files reachable from the entry without entering a staff route are
 * the participant's (precached on every device); each staff route's files
 * beyond those are tagged with the surfaces that reach them, and the service
 * worker caches them only on a device that opens that surface (src/sw/surfaces.ts).
 */
function staffSurfaceFiles(): Plugin {
  return {
    name: "loket-staff-surface-files",
    apply: "build",
    generateBundle(_options, bundle) {
      staffFiles.clear();
      const chunks = Object.values(bundle).filter((o): o is Rolldown.OutputChunk => o.type === "chunk");
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const routeFile = (id: string) => chunks.find((c) => c.facadeModuleId === id)?.fileName;
      const reach = (from: string[], stop: Set<string>): Set<string> => {
        const seen = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file) || stop.has(file)) return;
          seen.add(file);
          const c = byFile.get(file);
          if (!c) return;
          for (const css of c.viteMetadata?.importedCss ?? []) seen.add(css);
          for (const next of [...c.imports, ...c.dynamicImports]) visit(next);
        };
        for (const f of from) visit(f);
        return seen;
      };
      const staffRoutes = Object.entries(STAFF_ROUTES).flatMap(([surface, id]) => {
        const file = routeFile(id);
        return file ? [[surface, file] as const] : [];
      });
      const entries = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
      const participant = reach(entries, new Set(staffRoutes.map(([, f]) => f)));
      for (const [surface, file] of staffRoutes) {
        for (const f of reach([file], participant)) staffFiles.set(f, [...(staffFiles.get(f) ?? []), surface]);
      }
    },
  };
}

const ENTRY = fileURLToPath(new URL("src/app/main.tsx", import.meta.url));
const PARTICIPANT = fileURLToPath(new URL("src/app/participant/ParticipantPage.tsx", import.meta.url));
const shells = new WeakMap<Rolldown.ChunkingContext, Set<string>>();

/**
 * One `shell` chunk instead of the entry plus a handful of small shared chunks:
 * the modules every surface loads (the entry's static imports: Preact, the
 * router, the frame) and those the participant route shares with another route
 * or with the entry's other lazy parts (Dexie, the sync engine, the hooks, the
 * sync badge…). A participant's first visit then fetches two files, the shell
 * and the ParticipantPage chunk, which gzip better than seven and carry fewer
 * cross-chunk import lists. Code that only the desk, board or admin use stays in
 * their own chunks, never on `/`; what they share with the participant (a few
 * KB) they now get from the shell.
 */
function shellChunk(id: string, ctx: Rolldown.ChunkingContext): string | null {
  let shell = shells.get(ctx);
  if (!shell) {
    shell = shellModules(ctx);
    shells.set(ctx, shell);
  }
  return shell.has(id) ? "shell" : null;
}

function shellModules(ctx: Rolldown.ChunkingContext): Set<string> {
  const closure = (from: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) visit(next);
    };
    visit(from);
    return seen;
  };
  const entry = closure(ENTRY);
  // the other routes, and whatever else the entry loads lazily (update prompt, English strings…)
  const lazy = [...entry].flatMap((id) => ctx.getModuleInfo(id)?.dynamicallyImportedIds ?? []);
  const others = new Set(lazy.filter((id) => id !== PARTICIPANT).flatMap((id) => [...closure(id)]));
  const shared = [...closure(PARTICIPANT)].filter((id) => id !== PARTICIPANT && others.has(id));
  return new Set([...entry, ...shared]);
}
