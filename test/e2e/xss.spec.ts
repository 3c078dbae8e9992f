import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_NAME, HOSTILE_TEXT } from "./fixtures.ts";
import {
  LAPTOP,
  launchBrowser,
  newDevice,
  offline,
  type PageWatch,
  PHONE,
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
 * Issue 4: a name and a question made of markup and SQL show as plain text on
 * the phone, the desk, the board and the organizer's report — online and from
 * the cache — and nothing runs: no element is injected, no dialog ever opens.
 * (The board shows numbers and states only; there the check is that nothing
 * was injected and the participant's name is not shown.)
 */
describe("hostile text stays text", () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  /** the desk's laptop, the venue's TV and the organizer's laptop: one device each */
  let others: BrowserContext[];
  const watches: PageWatch[] = [];
  let participant: ParticipantPage;
  let desk: DeskPage;
  let board: BoardPage;
  let admin: AdminPage;
  let number: string;

  const profile = {
    name: HOSTILE_NAME,
    position: HOSTILE_TEXT,
    institution: HOSTILE_NAME,
    region: "Kota Denpasar",
  };

  async function showsPlainText(surface: AppShell, texts: string[]): Promise<void> {
    for (const text of texts) {
      await surface.waitForText(text).catch((e: unknown) => {
        throw new Error(`${surface.path} does not show ${JSON.stringify(text)}: ${String(e)}`);
      });
    }
    expect(await surface.injectedElements(), surface.path).toBe(0);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    phone = await newDevice(browser, { viewport: PHONE });
    others = [];
    for (let i = 0; i < 3; i++) others.push(await newDevice(browser, { viewport: LAPTOP }));
    const [deskLaptop, tv, organizerLaptop] = others as [BrowserContext, BrowserContext, BrowserContext];
    watches.push(...[phone, ...others].map(watchDevice));
    participant = new ParticipantPage(await phone.newPage(), server.url);
    desk = new DeskPage(await deskLaptop.newPage(), server.url);
    board = new BoardPage(await tv.newPage(), server.url);
    admin = new AdminPage(await organizerLaptop.newPage(), server.url);

    await participant.joinByLink(server.eventId, server.codes.participantCode);
    await participant.register(profile);
    number = await (await participant.takeTicket("K", HOSTILE_NAME, HOSTILE_TEXT)).waitForNumber();
    await desk.open();
    await desk.signIn(server.eventId, "K1", server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine(number);
    await desk.callTicket(number);
    await board.openForEvent(server.eventId, server.codes.participantCode);
    await admin.open();
    await admin.signIn(server.eventId, server.codes.organizerCode);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("online: the phone, the desk, the board and the report show it as text", async () => {
    await showsPlainText(participant, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(desk, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(board, [number]);
    expect(await board.textCount(HOSTILE_NAME)).toBe(0);
    await admin.reportRowFor(number).waitFor();
    await showsPlainText(admin, [HOSTILE_NAME, HOSTILE_TEXT]);
  });

  it("from the cache, offline: still text", async () => {
    // each surface's page must be controlled by the service worker (its precache done) before the network goes
    for (const surface of [participant, desk, board, admin]) await waitForServiceWorker(surface.page);
    for (const device of [phone, ...others]) await offline(device, true);
    for (const surface of [participant, desk, board, admin]) await surface.reload();
    await showsPlainText(participant, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(desk, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(board, [number]);
    await showsPlainText(admin, [HOSTILE_NAME, HOSTILE_TEXT]);
    for (const device of [phone, ...others]) await offline(device, false);
  });

  it("nothing ran: no dialog, no error", () => {
    for (const w of watches) {
      expect(w.dialogs).toEqual([]);
      expect(w.errors).toEqual([]);
    }
  });
});
