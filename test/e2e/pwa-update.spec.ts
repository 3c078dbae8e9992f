import { rm } from "node:fs/promises";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAPTOP, launchBrowser, newDevice, type PageWatch, waitForServiceWorker, watchDevice } from "./harness/browser.ts";
import { makeSecondBuild } from "./harness/builds.ts";
import { copyBuild, makeTempDir, type RunningServer, startServer } from "./harness/server.ts";
import { DeskPage } from "./pages/desk-page.ts";

/**
 * Issue 2: a second build deployed in place of the first is announced, never
 * applied under the user's hands; it is applied when the user accepts.
 * The desk is the surface here: it is open all day at a clinic table, and its
 * sign-in screen needs no server to render. The deploy is what an operator does: stop the server, start it again on the
 * same port and data folder, serving the new build.
 */
describe("updating to a new version", () => {
  const dirs: string[] = [];
  let server: RunningServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let watch: PageWatch;
  let desk: DeskPage;

  beforeAll(async () => {
    const dataDir = await makeTempDir("data");
    const buildA = await copyBuild();
    const buildB = await makeSecondBuild("B");
    dirs.push(dataDir, buildA, buildB);
    server = await startServer({ distDir: buildA, dataDir });
    browser = await launchBrowser();
    laptop = await newDevice(browser, { viewport: LAPTOP });
    watch = watchDevice(laptop);
    desk = new DeskPage(await laptop.newPage(), server.url);
    await desk.open();
    await waitForServiceWorker(desk.page);
    expect(await desk.servedBuild()).toBeNull();

    // deploy build B on the same origin
    await desk.markPage();
    const { port, dataDir: data } = server;
    await server.stop();
    server = await startServer({ distDir: buildB, dataDir: data, port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("announces the new version when the app becomes visible, without reloading", async () => {
    await desk.becomeVisible();
    await desk.updateBanner.waitFor();
    expect(await desk.updateWaiting()).toBe(true);
    expect(await desk.pageWasReloaded()).toBe(false);
    // still the old version, until the user says so
    expect(await desk.servedBuild()).toBeNull();
    await expect.poll(() => desk.pageWasReloaded()).toBe(false);
  });

  it("applies the new version when the user accepts", async () => {
    const reloaded = desk.page.waitForEvent("load");
    await desk.acceptUpdate();
    await reloaded;
    await desk.root.waitFor();
    expect(await desk.pageWasReloaded()).toBe(true);
    await expect.poll(() => desk.servedBuild()).toBe("B");
    expect(await desk.updateWaiting()).toBe(false);
    expect(await desk.controllingWorker()).toMatch(/\/sw\.js$/);
    await desk.updateBanner.waitFor({ state: "hidden" });
  });

  it("nothing went wrong in the page", () => {
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
