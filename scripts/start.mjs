import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `npm start`: the production server, as compiled JavaScript in ONE node
 * process (no TypeScript loader, no wrapper process: a service manager's or
 * Ctrl-C's signal reaches the server itself, which closes the database
 * cleanly, src/server/index.ts).
 *
 * - builds the PWA when DIST_DIR (./dist) has no build yet;
 * - bundles the server (src/server, src/core) with esbuild into
 *   dist-server/index.js when that is missing or older than a source file,
 *   with the npm packages left as imports;
 * - then runs it.
 */
const root = resolve(import.meta.dirname, "..");
const dist = resolve(process.env.DIST_DIR ?? join(root, "dist"));
const serverOut = join(root, "dist-server", "index.js");

function fail(message) {
  process.stderr.write(`loket: ${message}\n`);
  process.exit(1);
}

/** The newest modification time of the files under these folders (ms). */
function newest(dirs) {
  let latest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

if (!existsSync(join(dist, "index.html"))) {
  process.stdout.write("No build in dist/: running vite build first…\n");
  const r = spawnSync("npx", ["vite", "build"], { stdio: "inherit", cwd: root });
  if (r.status !== 0) fail("the build failed (see above); the server was not started");
}

const sources = [join(root, "src", "server"), join(root, "src", "core")];
if (!existsSync(serverOut) || statSync(serverOut).mtimeMs < newest(sources)) {
  process.stdout.write("Compiling the server into dist-server/…\n");
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(root, "src", "server", "index.ts")],
    outfile: serverOut,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  }).catch(() => fail("compiling the server failed (see above)"));
}

const { main } = await import(pathToFileURL(serverOut).href);
await main();
