import { rm } from "node:fs/promises";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newDevice, type PageWatch, waitForServiceWorker, watchDevice } from "./harness/browser.ts";
import { makeSecondBuild } from "./harness/builds.ts";
import { copyBuild, makeTempDir, type RunningServer, startServer } from "./harness/server.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 2: a second build deployed in place of the first is announced, never
 * applied under the user's hands; it is applied when the user accepts.
 * The deploy is what an operator does: stop the server, start it again on the
 * same port and data folder, serving the new build.
 */
describe("updating to a new version", () => {
  const dirs: string[] = [];
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let watch: PageWatch;
  let participant: ParticipantPage;

  beforeAll(async () => {
    const dataDir = await makeTempDir("data");
    const buildA = await copyBuild();
    const buildB = await makeSecondBuild("B");
    dirs.push(dataDir, buildA, buildB);
    server = await startServer({ distDir: buildA, dataDir });
    browser = await launchBrowser();
    phone = await newDevice(browser);
    watch = watchDevice(phone);
    participant = new ParticipantPage(await phone.newPage(), server.url);
    await participant.open();
    await waitForServiceWorker(participant.page);
    expect(await participant.servedBuild()).toBeNull();

    // deploy build B on the same origin
    await participant.markPage();
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
    await participant.becomeVisible();
    await participant.updateBanner.waitFor();
    expect(await participant.updateWaiting()).toBe(true);
    expect(await participant.pageWasReloaded()).toBe(false);
    // still the old version, until the user says so
    expect(await participant.servedBuild()).toBeNull();
    await expect.poll(() => participant.pageWasReloaded()).toBe(false);
  });

  it("applies the new version when the user accepts", async () => {
    const reloaded = participant.page.waitForEvent("load");
    await participant.acceptUpdate();
    await reloaded;
    await participant.root.waitFor();
    expect(await participant.pageWasReloaded()).toBe(true);
    await expect.poll(() => participant.servedBuild()).toBe("B");
    expect(await participant.updateWaiting()).toBe(false);
    expect(await participant.controllingWorker()).toMatch(/\/sw\.js$/);
    await participant.updateBanner.waitFor({ state: "hidden" });
  });

  it("nothing went wrong in the page", () => {
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
