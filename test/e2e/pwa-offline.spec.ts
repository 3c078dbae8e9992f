import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import {
  LAPTOP,
  launchBrowser,
  newDevice,
  offline,
  type PageWatch,
  waitForServiceWorker,
  watchDevice,
} from "./harness/browser.ts";
import { type RunningServer, startServer } from "./harness/server.ts";
import { AdminPage } from "./pages/admin-page.ts";
import type { AppShell } from "./pages/app-shell.ts";
import { BoardPage } from "./pages/board-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 2: after one visit online, a surface opens with the network off, a
 * ticket can be taken offline, and it survives a reload. Issue 12: per role —
 * the phone precaches the participant's surface only; a desk, board or
 * organizer device caches its own surface when it opens it.
 */
describe("offline app shell", () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let watch: PageWatch;
  let participant: ParticipantPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    phone = await newDevice(browser);
    watch = watchDevice(phone);
    const page = await phone.newPage();
    participant = new ParticipantPage(page, server.url);
    // first visit, online: join from the event's QR link and register
    await participant.joinByLink(server.eventId, server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    await waitForServiceWorker(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the phone opens its own surface from the cache with the network off", async () => {
    await offline(phone, true);
    const response = await participant.open();
    expect(response?.status()).toBe(200);
    expect(response?.fromServiceWorker()).toBe(true);
    const again = await participant.reload();
    expect(again?.fromServiceWorker()).toBe(true);
    await expect.poll(() => participant.root.isVisible()).toBe(true);
    await offline(phone, false);
  });

  it("the phone holds none of the desk's, board's or organizer's code (per-role precache)", async () => {
    const cached = await participant.page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    expect(cached.some((u) => /\/assets\/ParticipantPage-.*\.js$/.test(u))).toBe(true);
    expect(cached.filter((u) => /\/assets\/(DeskPage|BoardPage|AdminPage)-/.test(u))).toEqual([]);
  });

  it("a desk, a board or an organizer's device, opened once online, opens its surface with the network off", async () => {
    for (const make of [
      (p: Page) => new DeskPage(p, server.url),
      (p: Page) => new BoardPage(p, server.url),
      (p: Page) => new AdminPage(p, server.url),
    ]) {
      const device = await newDevice(browser, { viewport: LAPTOP });
      const staffWatch = watchDevice(device);
      const surface: AppShell = make(await device.newPage());
      await surface.open();
      await waitForServiceWorker(surface.page);
      await offline(device, true);
      const response = await surface.reload();
      expect(response?.fromServiceWorker(), surface.path).toBe(true);
      await expect.poll(() => surface.root.isVisible(), { message: surface.path }).toBe(true);
      // again from a fresh tab, as from the home screen
      const tab = make(await device.newPage());
      const opened = await tab.open();
      expect(opened?.fromServiceWorker(), surface.path).toBe(true);
      expect(staffWatch.errors, surface.path).toEqual([]);
      await device.close();
    }
  });

  it("takes a ticket offline, and it is still there after a reload", async () => {
    await offline(phone, true);
    await participant.open();
    const ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    const code = await ticket.numberText();
    expect(code).not.toBe("");
    expect(await ticket.currentState()).toBe("waiting");

    await participant.reload();
    const again = await participant.ticketFor("K");
    expect(again.id).toBe(ticket.id);
    expect(await again.numberText()).toBe(code);
    expect(await again.currentState()).toBe("waiting");
    expect(await again.topic.textContent()).toBe(QUESTION_SOTK.topic);
    expect(await participant.ticketIds()).toEqual([ticket.id]);
    // it waits to be sent
    await participant.pendingChanges.waitFor();
  });

  it("nothing went wrong in the page", () => {
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
