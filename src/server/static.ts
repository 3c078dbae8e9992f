import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Context } from "hono";

/**
 * Serves the built PWA from `dist/` on the same port as the API.
 *
 * - `/assets/*` are content-hashed by vite: cached for a year, immutable.
 * - everything else (index.html, sw.js, registerSW.js, manifest.webmanifest,
 *   icons) is `no-cache`: always revalidated, so an update is seen at once.
 * - text is compressed once (brotli when accepted, else gzip) and the result
 *   kept in memory, keyed by the file's size and mtime.
 * - a path without a file extension that is not a file is an app route
 *   (/desk, /board, /admin): it gets index.html. /api never gets here.
 */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=UTF-8",
  ".js": "text/javascript; charset=UTF-8",
  ".mjs": "text/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".webmanifest": "application/manifest+json; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=UTF-8",
  ".xml": "application/xml; charset=UTF-8",
  ".map": "application/json; charset=UTF-8",
  ".mp3": "audio/mpeg",
  ".wasm": "application/wasm",
};
const COMPRESSIBLE = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".json",
  ".webmanifest",
  ".svg",
  ".txt",
  ".xml",
  ".map",
  ".ico",
  ".wasm",
]);

interface Cached {
  key: string;
  raw: Buffer;
  br?: Buffer;
  gz?: Buffer;
}

export function createStaticHandler(distDir: string): (c: Context) => Promise<Response> {
  const root = resolve(distDir);
  const cache = new Map<string, Cached>();

  async function load(file: string): Promise<Cached | null> {
    try {
      const st = await stat(file);
      if (!st.isFile()) return null;
      const key = `${st.size}:${st.mtimeMs}`;
      const hit = cache.get(file);
      if (hit?.key === key) return hit;
      const entry: Cached = { key, raw: await readFile(file) };
      cache.set(file, entry);
      return entry;
    } catch {
      return null;
    }
  }

  function pathOf(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes("\0")) return null;
    const file = normalize(join(root, decoded));
    return file === root || file.startsWith(root + sep) ? file : null;
  }

  return async (c) => {
    const urlPath = c.req.path;
    let file = pathOf(urlPath);
    let entry = file && file !== root ? await load(file) : null;
    if (!entry) {
      // Only app routes fall back to the shell: a missing script must stay a 404.
      if (extname(urlPath) !== "" && !urlPath.endsWith(".html")) return c.text("Not found", 404);
      file = join(root, "index.html");
      entry = await load(file);
      if (!entry) return c.text("The app is not built: run `npm run build` (npm start does it for you).", 404);
    }
    const ext = extname(file ?? "");
    const headers: Record<string, string> = {
      "Content-Type": TYPES[ext] ?? "application/octet-stream",
      "Cache-Control": urlPath.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    };
    let body = entry.raw;
    if (COMPRESSIBLE.has(ext) && entry.raw.length > 512) {
      headers.Vary = "Accept-Encoding";
      const accepts = c.req.header("accept-encoding") ?? "";
      if (/\bbr\b/.test(accepts)) {
        entry.br ??= brotliCompressSync(entry.raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length },
        });
        body = entry.br;
        headers["Content-Encoding"] = "br";
      } else if (/\bgzip\b/.test(accepts)) {
        entry.gz ??= gzipSync(entry.raw, { level: 9 });
        body = entry.gz;
        headers["Content-Encoding"] = "gzip";
      }
    }
    headers["Content-Length"] = String(body.length);
    if (c.req.method === "HEAD") return c.body(null, 200, headers);
    return c.body(new Uint8Array(body), 200, headers);
  };
}
