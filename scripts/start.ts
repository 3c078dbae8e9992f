import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * `npm start`: builds the PWA when dist/ has no build yet, then starts the
 * server (src/server/index.ts) on it.
 */
// vite builds into dist/ (vite.config.ts); the server serves it unless DIST_DIR says otherwise.
const dist = resolve("dist");
if (!existsSync(resolve(dist, "index.html"))) {
  process.stdout.write("No build in dist/: running vite build first…\n");
  const r = spawnSync("npx", ["vite", "build"], { stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write("loket: the build failed (see above); the server was not started\n");
    process.exit(r.status ?? 1);
  }
}
const { main } = await import("../src/server/index.ts");
await main();
