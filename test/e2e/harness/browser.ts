import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/**
 * Real Chromium for the end-to-end specs: Debian's /usr/bin/chromium (CI installs
 * it with apt-get), one browser per spec file, one context per device.
 */

export const CHROMIUM = process.env.LOKET_CHROMIUM ?? "/usr/bin/chromium";

export const PHONE = { width: 360, height: 780 } as const;
export const LAPTOP = { width: 1280, height: 800 } as const;
export type Viewport = { width: number; height: number };

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

/**
 * A browser whose camera films `y4mFile` (a still picture, over and over)
 * instead of a real camera, and that grants camera access without asking.
 */
export function launchBrowserWithCamera(y4mFile: string): Promise<Browser> {
  return launchBrowser([
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${y4mFile}`,
    "--use-fake-ui-for-media-stream",
  ]);
}

export interface DeviceOptions {
  viewport?: Viewport;
  /** BCP 47; the app defaults to Bahasa Indonesia */
  locale?: string;
}

/** A fresh device: its own storage (IndexedDB, caches, service workers), like a new phone or laptop. */
export function newDevice(browser: Browser, options: DeviceOptions = {}): Promise<BrowserContext> {
  const viewport = options.viewport ?? PHONE;
  return browser.newContext({
    viewport,
    // a low-end Android phone draws 2 device pixels per CSS pixel
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    locale: options.locale ?? "id-ID",
    timezoneId: "Asia/Makassar",
    serviceWorkers: "allow",
  });
}

/**
 * A device with a real (not incognito) profile in a fresh temp folder: what
 * Chromium requires before it calls a site installable. `close()` removes it.
 */
export async function launchProfileDevice(
  options: DeviceOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "loket-e2e-profile-"));
  const viewport = options.viewport ?? PHONE;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport,
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    locale: options.locale ?? "id-ID",
    timezoneId: "Asia/Makassar",
    serviceWorkers: "allow",
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Cuts (or restores) the device's network: its pages and its service worker. */
export async function offline(context: BrowserContext, isOffline: boolean): Promise<void> {
  await context.setOffline(isOffline);
}

export interface PageWatch {
  /** console errors and uncaught exceptions, as text */
  readonly errors: string[];
  /** every alert/confirm/prompt that opened: none must ever fire */
  readonly dialogs: string[];
}

/**
 * Records console errors, uncaught exceptions and dialogs of a page (into `watch`,
 * to share one record across pages). A dialog is dismissed at once so a stray
 * alert cannot block the spec; the spec asserts the list is empty. Failed network
 * requests are expected while a device is offline and are not errors of the app.
 */
export function watchPage(page: Page, watch: PageWatch = { errors: [], dialogs: [] }): PageWatch {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/net::ERR_|Failed to load resource|Failed to fetch|NetworkError/i.test(text)) return;
    const { url, lineNumber } = message.location();
    watch.errors.push(`${text || "(console.error with no text)"} — ${url}:${lineNumber}`);
  });
  page.on("pageerror", (error) => watch.errors.push(error.stack ?? `${error.name}: ${error.message}`));
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return watch;
}

/** Watches every page a device opens, now and later, into one record. */
export function watchDevice(context: BrowserContext): PageWatch {
  const watch: PageWatch = { errors: [], dialogs: [] };
  for (const page of context.pages()) watchPage(page, watch);
  context.on("page", (page) => watchPage(page, watch));
  return watch;
}

/**
 * Waits until the service worker is activated and controls the page: the app
 * shell is precached by then. A worker that does not claim open clients takes
 * control at the next load, so the page is reloaded once in that case.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const controlled = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== "activated") {
      await new Promise<void>((resolve) => {
        worker.addEventListener("statechange", () => worker.state === "activated" && resolve());
      });
    }
    return navigator.serviceWorker.controller !== null;
  });
  if (controlled) return;
  await page.reload();
  const after = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
  if (!after) throw new Error("no service worker controls the page after a reload");
}
