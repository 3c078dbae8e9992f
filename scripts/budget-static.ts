import { existsSync, readFileSync } from "node:fs";
import { join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * The JavaScript budget of a participant's first visit (`npm run budget`, after
 * `vite build`): what a phone downloads to show `/` — the entry chunk named by
 * dist/index.html (module scripts and modulepreload links), everything it
 * imports statically, and the participant route's chunk with its static imports
 * (a lazy chunk, but `/` always loads it). Not counted: the other routes' chunks
 * and the service worker, which a participant's phone fetches in the background
 * only to precache them. Each file is gzipped at level 9; 1 KB = 1024 bytes.
 * Exits 1 above BUDGET_KB. The other routes' lazy chunks are listed for information.
 *
 * The import graph comes from dist/.vite/manifest.json when the build writes one
 * (`build.manifest`), else from the chunks themselves: static `import … from "./x.js"`
 * and `import("./x.js")` as rolldown prints them (with ", ' or ` quotes).
 */
const BUDGET_KB = 60;
const ROUTES: Record<string, string> = {
  "/": "ParticipantPage",
  "/desk": "DeskPage",
  "/board": "BoardPage",
  "/admin": "AdminPage",
};

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = resolve(root, process.argv[2] ?? "dist");
const shown = relative(root, dist).startsWith("..") ? dist : relative(root, dist) || ".";

interface Chunk {
  file: string; // relative to dist, posix
  staticImports: string[];
  dynamicImports: string[];
  src?: string;
}

function fail(message: string): never {
  console.error(`budget: ${message}`);
  process.exit(1);
}

function read(file: string): Buffer {
  const path = join(dist, file);
  if (!existsSync(path)) fail(`${file} is referenced but missing from ${shown}/`);
  return readFileSync(path);
}

/** Script files and module preloads that dist/index.html makes the browser fetch. */
function htmlRoots(): string[] {
  const html = read("index.html").toString("utf8");
  const roots: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, "i"))?.[1];
    const src = tag.toLowerCase().startsWith("<script")
      ? attr("src")
      : attr("rel") === "modulepreload"
        ? attr("href")
        : undefined;
    if (src && !/^(https?:)?\/\//.test(src)) roots.push(src.replace(/^\//, "").split(/[?#]/)[0] ?? src);
  }
  return roots;
}

function resolveSpecifier(from: string, specifier: string): string {
  if (specifier.startsWith("/")) return specifier.slice(1);
  return posix.normalize(posix.join(posix.dirname(from), specifier));
}

const STATIC_IMPORT = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(["'`])([^"'`\n]+?\.m?js)\1/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(["'`])([^"'`\n]+?\.m?js)\1\s*\)/g;

function chunksFromManifest(): Map<string, Chunk> | null {
  const path = join(dist, ".vite", "manifest.json");
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<
    string,
    { file: string; src?: string; imports?: string[]; dynamicImports?: string[] }
  >;
  const fileOf = (key: string) => manifest[key]?.file ?? key;
  const chunks = new Map<string, Chunk>();
  for (const entry of Object.values(manifest)) {
    if (!entry.file.endsWith(".js")) continue;
    chunks.set(entry.file, {
      file: entry.file,
      src: entry.src,
      staticImports: (entry.imports ?? []).map(fileOf),
      dynamicImports: (entry.dynamicImports ?? []).map(fileOf),
    });
  }
  return chunks;
}

const manifestChunks = chunksFromManifest();
const parsed = new Map<string, Chunk>();

function chunk(file: string): Chunk {
  const known = manifestChunks?.get(file) ?? parsed.get(file);
  if (known) return known;
  const code = read(file).toString("utf8");
  const found = (re: RegExp) => [...code.matchAll(re)].map((m) => resolveSpecifier(file, m[2] ?? ""));
  const dynamicImports = found(DYNAMIC_IMPORT);
  const c: Chunk = { file, staticImports: [...new Set(found(STATIC_IMPORT))], dynamicImports: [...new Set(dynamicImports)] };
  parsed.set(file, c);
  return c;
}

/** A file and everything it imports statically, in load order. */
function closure(files: string[], into: Set<string> = new Set()): Set<string> {
  for (const file of files) {
    if (into.has(file) || !file.endsWith("js")) continue;
    into.add(file);
    closure(chunk(file).staticImports, into);
  }
  return into;
}

function routeChunk(candidates: Iterable<string>, name: string): string | undefined {
  for (const file of candidates) {
    const c = chunk(file);
    if (c.src?.endsWith(`/${name}.tsx`) || posix.basename(file).startsWith(`${name}-`)) return file;
  }
  return undefined;
}

const gzipCache = new Map<string, number>();
function gz(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(read(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function table(title: string, files: Iterable<string>): number {
  let raw = 0;
  let zipped = 0;
  console.log(`\n${title}`);
  console.log(`  ${"file".padEnd(48)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)}`);
  for (const file of files) {
    const r = read(file).length;
    const g = gz(file);
    raw += r;
    zipped += g;
    console.log(`  ${file.padEnd(48)} ${kb(r).padStart(8)} ${kb(g).padStart(8)}`);
  }
  console.log(`  ${"total".padEnd(48)} ${kb(raw).padStart(8)} ${kb(zipped).padStart(8)}`);
  return zipped;
}

if (!existsSync(join(dist, "index.html"))) fail(`no build in ${shown}/: run \`npm run build\` first`);

const roots = htmlRoots().filter((f) => /\.m?js$/.test(f));
if (roots.length === 0) fail("dist/index.html names no script");
const shell = closure(roots);

// the participant route chunk: a dynamic import of the shell that `/` always loads
const dynamicOfShell = [...shell].flatMap((f) => chunk(f).dynamicImports);
const participantChunk = routeChunk(dynamicOfShell, ROUTES["/"] ?? "");
if (!participantChunk) fail(`no chunk for the participant route (${ROUTES["/"]}) among the shell's lazy imports`);
const firstVisit = closure([participantChunk], new Set(shell));

console.log(`JavaScript budget for a first visit to / (gzip level 9, 1 KB = 1024 bytes, from ${shown}/)`);
const total = table("first visit to / (entry, its static imports, the participant route)", firstVisit);

for (const [route, name] of Object.entries(ROUTES)) {
  if (route === "/") continue;
  const file = routeChunk(dynamicOfShell, name);
  if (!file) {
    console.log(`\n${route}: no lazy chunk found (${name})`);
    continue;
  }
  const extra = [...closure([file])].filter((f) => !firstVisit.has(f));
  table(`${route} (lazy, for information: what it adds to the above)`, extra);
}

const verdict = total <= BUDGET_KB * 1024 ? "within" : "OVER";
console.log(`\nparticipant first visit: ${kb(total)} KB gzipped — ${verdict} the ${BUDGET_KB} KB budget`);
if (verdict === "OVER") process.exit(1);
