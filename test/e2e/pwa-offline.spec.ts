import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { launchBrowser, newDevice, offline, type PageWatch, waitForServiceWorker, watchDevice } from "./harness/browser.ts";
import { type RunningServer, startServer } from "./harness/server.ts";
import { AdminPage } from "./pages/admin-page.ts";
import type { AppShell } from "./pages/app-shell.ts";
import { BoardPage } from "./pages/board-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 2: after one visit online, every route opens with the network off, a
 * ticket can be taken offline, and it survives a reload. Only `/` is visited
 * online: the other routes must come from the service worker's precache.
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

  it("opens every route from the cache with the network off", async () => {
    await offline(phone, true);
    const page = participant.page;
    const surfaces: AppShell[] = [
      new DeskPage(page, server.url),
      new BoardPage(page, server.url),
      new AdminPage(page, server.url),
      participant,
    ];
    for (const surface of surfaces) {
      const response = await surface.open();
      expect(response?.status(), surface.path).toBe(200);
      expect(response?.fromServiceWorker(), surface.path).toBe(true);
      // reloaded offline: served by the service worker again, and the surface's app shows
      // (a surface may pass through a loading state first, so wait for it rather than sample once)
      const again = await surface.reload();
      expect(again?.fromServiceWorker(), surface.path).toBe(true);
      await expect.poll(() => surface.root.isVisible(), { message: surface.path }).toBe(true);
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
