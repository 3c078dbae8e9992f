import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAPTOP, launchProfileDevice, type PageWatch, waitForServiceWorker, watchDevice } from "./harness/browser.ts";
import { type RunningServer, startServer } from "./harness/server.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/** Issue 2: Chromium finds the app installable, from a complete web app manifest. */

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}
interface WebAppManifest {
  id?: string;
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  lang?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("installable PWA", () => {
  let server: RunningServer;
  let closeDevice: () => Promise<void>;
  let device: BrowserContext;
  let watch: PageWatch;
  let participant: ParticipantPage;

  beforeAll(async () => {
    server = await startServer();
    // a real profile: Chromium never calls a site installable in an incognito one
    ({ context: device, close: closeDevice } = await launchProfileDevice({ viewport: LAPTOP }));
    watch = watchDevice(device);
    participant = new ParticipantPage(await device.newPage(), server.url);
    await participant.open();
    await waitForServiceWorker(participant.page);
  });

  afterAll(async () => {
    await closeDevice?.();
    await server?.stop();
  });

  it("the build emitted the service worker and the manifest", () => {
    expect(existsSync(join(server.distDir, "sw.js"))).toBe(true);
    expect(existsSync(join(server.distDir, "manifest.webmanifest"))).toBe(true);
    // One page serves every route: the HTML links no manifest (Chromium could fetch the
    // participant's at load and keep it on /desk); the script links the route's own.
    const html = readFileSync(join(server.distDir, "index.html"), "utf8");
    expect(html).not.toMatch(/rel="manifest"/);
  });

  it("Chromium reports no installability errors", async () => {
    const cdp = await device.newCDPSession(participant.page);
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, { timeout: 10_000 })
      .toEqual([]);
    const { errors } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
  });

  it("the manifest is complete: names, start URL, standalone display, language, colours, icons with a maskable one", async () => {
    const href = await participant.manifestHref();
    const response = await participant.page.request.get(href);
    expect(response.ok()).toBe(true);
    expect(response.headers()["content-type"]).toMatch(/application\/manifest\+json/);
    const manifest = (await response.json()) as WebAppManifest;

    expect(manifest.name).toEqual(expect.stringMatching(/\S/));
    expect(manifest.short_name).toEqual(expect.stringMatching(/\S/));
    expect(manifest.short_name?.length).toBeLessThanOrEqual(12);
    expect(manifest.start_url).toBe("/");
    expect(manifest.display).toBe("standalone");
    expect(manifest.lang).toMatch(/^id\b/);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{3,8}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{3,8}$/i);

    const icons = manifest.icons ?? [];
    const purposes = (icon: ManifestIcon) => (icon.purpose ?? "any").split(/\s+/);
    expect(icons.some((i) => purposes(i).includes("maskable"))).toBe(true);
    for (const size of ["192x192", "512x512"]) {
      expect(icons.some((i) => i.sizes?.split(/\s+/).includes(size) && purposes(i).includes("any"))).toBe(true);
    }
    // every icon exists, is a PNG and has the size it claims
    for (const icon of icons) {
      const res = await participant.page.request.get(new URL(icon.src, href).href);
      expect(res.status(), icon.src).toBe(200);
      if (icon.type === "image/png") {
        const [w, h] = (icon.sizes ?? "").split("x").map(Number);
        expect(pngSize(await res.body()), icon.src).toEqual({ width: w, height: h });
      }
    }
  });

  it("the desk installs as itself: its own manifest, its own app id, and it opens /desk", async () => {
    const deskPage = new DeskPage(await device.newPage(), server.url);
    await deskPage.open();
    const cdp = await device.newCDPSession(deskPage.page);
    // The built page links the participant's manifest; the app re-points the link
    // once its script runs, and Chromium re-reads it then. Wait for that state:
    // until it happens, the participant's manifest is (correctly) the one seen.
    await expect
      .poll(async () => new URL((await cdp.send("Page.getAppManifest")).url).pathname, { timeout: 10_000 })
      .toBe("/desk.webmanifest");
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, { timeout: 10_000 })
      .toEqual([]);
    const { url, errors } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
    const manifest = (await (await deskPage.page.request.get(url)).json()) as WebAppManifest;
    expect(manifest.start_url).toBe("/desk");
    expect(manifest.id).toBe("/desk");
    // Chromium's id for the installed app: apart from the participant's
    const { appId } = await cdp.send("Page.getAppId");
    expect(appId).toBe(`${server.url}/desk`);
    await deskPage.page.close();
  });

  it("nothing went wrong in the page", () => {
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
