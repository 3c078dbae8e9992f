import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

/**
 * The PWA build. The service worker (src/sw/sw.ts) is our own, kept thin;
 * the plugin only injects the precache manifest into it and writes the web app
 * manifest. Registration and the update prompt live in src/pwa/register.ts
 * (registerType "prompt": a new version is announced, never forced).
 */
export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src/sw",
      filename: "sw.ts",
      registerType: "prompt",
      injectRegister: false,
      injectManifest: {
        // Every route chunk and its CSS, so each route opens offline from the second visit.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
      },
      includeAssets: ["favicon.svg", "apple-touch-icon.png"],
      manifest: {
        id: "/",
        name: "Loket — Klinik Konsultasi PANRB",
        short_name: "Loket",
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
      },
      devOptions: { enabled: false },
    }),
  ],
  resolve: {
    // Dexie's modern ES build instead of its UMD wrapper: the same code, ES modules, ~1.5 KB less
    // gzip on the participant's first visit (the budget). One copy is bundled, so the wrapper's
    // guard against two Dexie instances is not needed.
    alias: [{ find: /^dexie$/, replacement: "dexie/dist/modern/dexie.mjs" }],
  },
  build: { target: "es2020", sourcemap: false },
  server: { proxy: { "/api": "http://localhost:8080" } },
});
