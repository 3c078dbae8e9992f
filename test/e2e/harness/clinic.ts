import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, newDevice, type PageWatch, type Viewport, watchDevice } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

/** A spec's venue: its own server and browser, and one watched device per viewport asked for. */
export interface Clinic<Devices extends readonly BrowserContext[]> {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** in the order the viewports were given */
  readonly devices: Devices;
  /** one per device, same order: console errors and dialogs, asserted empty at the end of each spec */
  readonly watches: PageWatch[];
}

/**
 * Call in a `describe` body: before its tests, starts the server, launches the
 * browser and opens one fresh device per viewport, each watched; after them,
 * closes the browser and stops the server. Read the fields from a later
 * `beforeAll` or a test (they are filled in before either runs).
 */
export function clinic<const V extends readonly Viewport[]>(...viewports: V): Clinic<{ [K in keyof V]: BrowserContext }> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const devices: BrowserContext[] = [];
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    for (const viewport of viewports) {
      const device = await newDevice(browser, { viewport });
      devices.push(device);
      watches.push(watchDevice(device));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error("clinic(): the server starts in beforeAll");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("clinic(): the browser launches in beforeAll");
      return browser;
    },
    devices: devices as unknown as { [K in keyof V]: BrowserContext },
    watches,
  };
}
