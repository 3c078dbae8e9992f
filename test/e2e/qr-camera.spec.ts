import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KASUBBAG_KINERJA, QUESTION_SAKIP } from "./fixtures.ts";
import { LAPTOP, launchBrowserWithCamera, newDevice, offline, type PageWatch, PHONE, watchDevice } from "./harness/browser.ts";
import { cameraViewOf } from "./harness/camera.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 4: the desk scans the participant's ticket QR with its camera, with
 * no network on either side. Chromium's fake camera films the QR as the phone
 * drew it; the desk's scanner reads the video frames (getUserMedia, jsQR).
 */
describe("QR handoff through the desk's camera", () => {
  const venue = clinic(PHONE);
  let phoneDevice: BrowserContext;
  let participant: ParticipantPage;
  let ticket: Ticket;
  let code: string;
  let deskBrowser: Browser | undefined;
  let deskWatch: PageWatch | undefined;

  beforeAll(async () => {
    [phoneDevice] = venue.devices;
    participant = new ParticipantPage(await phoneDevice.newPage(), venue.server.url);
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KASUBBAG_KINERJA);
  });
  afterAll(async () => {
    await deskBrowser?.close();
  });

  it("the participant, offline, takes a ticket and holds its QR code up to the desk's camera", async () => {
    await offline(phoneDevice, true);
    ticket = await participant.takeTicket("S", QUESTION_SAKIP.topic, QUESTION_SAKIP.text);
    code = await ticket.numberText();
    expect(code).toMatch(/^S/);

    const film = join(mkdtempSync(join(tmpdir(), "loket-camera-")), "ticket-qr.y4m");
    writeFileSync(film, await cameraViewOf(participant.page, await ticket.qrImage(), 1280, 720));
    deskBrowser = await launchBrowserWithCamera(film);
  });

  it("the desk, offline too, takes the ticket in from the camera and can call it", async () => {
    if (!deskBrowser) throw new Error("the desk's browser did not start");
    const deskDevice = await newDevice(deskBrowser, { viewport: LAPTOP });
    deskWatch = watchDevice(deskDevice);
    const desk = new DeskPage(await deskDevice.newPage(), venue.server.url);
    await desk.open();
    await desk.signIn(venue.server.eventId, "S1", venue.server.codes.deskCodes.S1 ?? "");
    await desk.waitUntilSynced();
    await offline(deskDevice, true);

    expect(await desk.scanTicketWithCamera()).toContain(code);
    await desk.waitForInLine(code);
    await desk.waitForText(KASUBBAG_KINERJA.name);
    await desk.callTicket(code);
    await desk.waitForText(QUESTION_SAKIP.topic);
  });

  it("nothing went wrong on either device", () => {
    for (const w of [...venue.watches, deskWatch]) {
      expect(w?.errors).toEqual([]);
      expect(w?.dialogs).toEqual([]);
    }
  });
});
