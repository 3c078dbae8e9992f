import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyBuild, DEFAULT_DIST } from "./server.ts";

/**
 * A second build to deploy in place of the first: a copy of the production
 * build whose index.html carries a marker, with the precache revision of
 * index.html in sw.js updated to match — exactly what a real rebuild changes
 * when the shell changes (the worker's bytes differ, so the browser installs it;
 * once active it serves the new shell). Hashed assets stay as they are.
 */
export const BUILD_MARKER = "loket-e2e-build";

export async function makeSecondBuild(buildId: string, from: string = DEFAULT_DIST): Promise<string> {
  const dir = await copyBuild(from);
  const htmlPath = join(dir, "index.html");
  const html = (await readFile(htmlPath, "utf8")).replace("</head>", `<meta name="${BUILD_MARKER}" content="${buildId}"></head>`);
  if (!html.includes(BUILD_MARKER)) throw new Error("index.html has no </head>");
  await writeFile(htmlPath, html);

  const swPath = join(dir, "sw.js");
  const sw = await readFile(swPath, "utf8");
  const revision = createHash("md5").update(html).digest("hex");
  // the injected precache manifest, as JSON ({"revision":"…","url":"index.html"}) or as a JS object literal
  const entry = /(\{[^{}]*?["'`]?url["'`]?\s*:\s*["'`]index\.html["'`][^{}]*?\})/;
  const match = sw.match(entry);
  if (!match?.[1]) throw new Error("sw.js has no precache entry for index.html: cannot make a second build");
  const updated = match[1].replace(/(["'`]?revision["'`]?\s*:\s*["'`])[^"'`]*(["'`])/, `$1${revision}$2`);
  if (updated === match[1]) throw new Error("the precache entry for index.html in sw.js has no revision");
  await writeFile(swPath, sw.replace(match[1], updated));
  return dir;
}
