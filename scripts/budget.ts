import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Request } from "playwright-core";
import { launchBrowser, newDevice, PHONE, waitForServiceWorker } from "../test/e2e/harness/browser.ts";
import { DEFAULT_DIST, startServer } from "../test/e2e/harness/server.ts";

/**
 * The participant's first visit as Chromium really makes it (`npm run budget`,
 * after `npm run build`): the real server serves dist/, a fresh 360 px phone
 * opens the event's join link, and every request the page and its service
 * worker make is recorded until the worker is active (precache done) and the
 * network is idle. Two measures, each with the target of issue 12 and a
 * ceiling that fails the build:
 *
 * - JavaScript the page itself fetches on the first visit, lazy chunks
 *   included, gzipped at level 9 (the size of each dist file, so the figure
 *   does not depend on the server's compression): ≤ JS_LIMIT_KB;
 * - everything on the wire, page and service worker (precache), bodies as
 *   transferred plus headers: ≤ WIRE_LIMIT_KB.
 *
 * 1 KB = 1024 bytes. The targets are not reached yet (the shell still carries
 * Dexie, ~27 KB of the JavaScript, the validators and the sync engine: see the
 * README), so the build fails only above the ceilings: today's figures plus a
 * little (69.3 KB and 128.2 KB measured when they were set; the wire varies by
 * about 1 KB from run to run with headers and API answers), a guard that no
 * change makes the phone's first visit heavier while the work goes on. Lower
 * the ceilings as the figures come down. Exits 1 over a ceiling. The static estimate that reads
 * the build's import graph is `tsx scripts/budget-static.ts`.
 */
const JS_TARGET_KB = 50;
const WIRE_TARGET_KB = 100;
const JS_LIMIT_KB = 69.5;
const WIRE_LIMIT_KB = 130;

interface Fetched {
  path: string;
  bySw: boolean;
  wire: number;
  fromSw: boolean;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main(): Promise<void> {
  if (!existsSync(join(DEFAULT_DIST, "index.html"))) throw new Error("no build in dist/: run `npm run build` first");
  const server = await startServer();
  const browser = await launchBrowser();
  const fetched: Fetched[] = [];
  try {
    const device = await newDevice(browser, { viewport: PHONE });
    const pending: Promise<void>[] = [];
    device.on("requestfinished", (req: Request) => {
      pending.push(
        (async () => {
          const sizes = await req.sizes().catch(() => null);
          const res = await req.response().catch(() => null);
          const url = new URL(req.url());
          if (url.origin !== server.url) return;
          fetched.push({
            path: url.pathname,
            bySw: req.serviceWorker() !== null,
            fromSw: res?.fromServiceWorker() ?? false,
            wire: sizes ? sizes.responseBodySize + sizes.responseHeadersSize + sizes.requestHeadersSize : 0,
          });
        })(),
      );
    });
    const page = await device.newPage();
    await page.goto(`${server.url}/?event=${server.eventId}&code=${encodeURIComponent(server.codes.participantCode)}`);
    await page.getByTestId("register-form").waitFor();
    await waitForServiceWorker(page);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
  } finally {
    await browser.close();
    await server.stop();
  }

  // JavaScript the page ran: fetched by the page (over the network or, once the worker
  // controls it, from the precache), each file once.
  const pageJs = [...new Set(fetched.filter((f) => !f.bySw && f.path.endsWith(".js")).map((f) => f.path))].filter(
    (p) => p !== "/sw.js",
  );
  console.log("Participant's first visit in Chromium (360 px, join link), from dist/");
  console.log(`\nJavaScript the page loads, lazy chunks included (gzip level 9)`);
  let js = 0;
  for (const path of pageJs) {
    const size = gzipSync(readFileSync(join(DEFAULT_DIST, path)), { level: 9 }).length;
    js += size;
    console.log(`  ${path.padEnd(52)} ${kb(size).padStart(7)} KB`);
  }
  console.log(`  ${"total".padEnd(52)} ${kb(js).padStart(7)} KB  (target ${JS_TARGET_KB} KB, ceiling ${JS_LIMIT_KB} KB)`);

  // On the wire: what crossed the network, page and worker (answers the worker gave from its cache did not).
  const wired = fetched.filter((f) => !f.fromSw);
  const wire = wired.reduce((sum, f) => sum + f.wire, 0);
  const byWorker = wired.filter((f) => f.bySw).reduce((sum, f) => sum + f.wire, 0);
  console.log(`\nOn the wire (bodies as sent, and headers): ${wired.length} requests`);
  console.log(`  page:           ${kb(wire - byWorker).padStart(7)} KB`);
  console.log(`  service worker: ${kb(byWorker).padStart(7)} KB  (precache)`);
  console.log(`  total:          ${kb(wire).padStart(7)} KB  (target ${WIRE_TARGET_KB} KB, ceiling ${WIRE_LIMIT_KB} KB)`);
  console.log("  largest:");
  for (const f of [...wired].sort((a, b) => b.wire - a.wire).slice(0, 12))
    console.log(`    ${(f.bySw ? "sw   " : "page ") + f.path.padEnd(50)} ${kb(f.wire).padStart(7)} KB`);

  const over = [js > JS_LIMIT_KB * 1024 && "JavaScript", wire > WIRE_LIMIT_KB * 1024 && "on the wire"].filter(Boolean);
  const missed = [js > JS_TARGET_KB * 1024 && "JavaScript", wire > WIRE_TARGET_KB * 1024 && "on the wire"].filter(Boolean);
  if (missed.length) console.log(`\ntarget not reached yet: ${missed.join(", ")}`);
  console.log(over.length ? `OVER the ceiling: ${over.join(", ")}` : "within the ceilings");
  if (over.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`budget: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
