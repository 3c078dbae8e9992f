import { beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_NAME, HOSTILE_TEXT } from "./fixtures.ts";
import { LAPTOP, offline, PHONE, waitForServiceWorker } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
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
  /** the phone, then the desk's laptop, the venue's TV and the organizer's laptop: one device each */
  const venue = clinic(PHONE, LAPTOP, LAPTOP, LAPTOP);
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
    const [phone, deskLaptop, tv, organizerLaptop] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    desk = new DeskPage(await deskLaptop.newPage(), venue.server.url);
    board = new BoardPage(await tv.newPage(), venue.server.url);
    admin = new AdminPage(await organizerLaptop.newPage(), venue.server.url);

    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(profile);
    number = await (await participant.takeTicket("K", HOSTILE_NAME, HOSTILE_TEXT)).waitForNumber();
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine(number);
    await desk.callTicket(number);
    await board.openForEvent(venue.server.eventId, venue.server.codes.participantCode);
    await admin.open();
    await admin.signIn(venue.server.eventId, venue.server.codes.organizerCode);
  });

  it("online: the phone, the desk, the board and the report show it as text", async () => {
    await showsPlainText(participant, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(desk, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(board, [number]);
    expect(await board.textCount(HOSTILE_NAME)).toBe(0);
    await admin.reportRowFor(number).waitFor();
    await admin.showPersonalData();
    await showsPlainText(admin, [HOSTILE_NAME, HOSTILE_TEXT]);
  });

  it("from the cache, offline: still text", async () => {
    // each surface's page must be controlled by the service worker (its precache done) before the network goes
    for (const surface of [participant, desk, board, admin]) await waitForServiceWorker(surface.page);
    for (const device of venue.devices) await offline(device, true);
    for (const surface of [participant, desk, board, admin]) await surface.reload();
    await showsPlainText(participant, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(desk, [HOSTILE_NAME, HOSTILE_TEXT]);
    await showsPlainText(board, [number]);
    // a reload lands the organizer on Pantauan again
    await admin.showReport();
    await admin.reportRowFor(number).waitFor();
    await admin.showPersonalData();
    await showsPlainText(admin, [HOSTILE_NAME, HOSTILE_TEXT]);
    for (const device of venue.devices) await offline(device, false);
  });

  it("nothing ran: no dialog, no error", () => {
    for (const w of venue.watches) {
      expect(w.dialogs).toEqual([]);
      expect(w.errors).toEqual([]);
    }
  });
});
