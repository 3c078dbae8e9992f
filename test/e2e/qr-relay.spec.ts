import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 11, relay: the participant's phone signs in and registers in the
 * morning, then loses its network for good. It takes a ticket offline and
 * shows its QR code; the desk, online, takes it in from a picture of the code,
 * serves it and syncs. The phone's signature rides in the code, so the server
 * takes the phone's ticket from the desk, and the organizer's report (on
 * another laptop) has the consultation, while the phone never came back.
 */
describe("QR relay with the phone never online again", () => {
  const venue = clinic(PHONE, LAPTOP, LAPTOP);
  const TOPIC = "Penyetaraan jabatan lewat kode QR";
  let phoneDevice: BrowserContext;
  let organizerDevice: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;
  let ticket: Ticket;
  let code: string;

  beforeAll(async () => {
    let deskDevice: BrowserContext;
    [phoneDevice, deskDevice, organizerDevice] = venue.devices as unknown as [BrowserContext, BrowserContext, BrowserContext];
    participant = new ParticipantPage(await phoneDevice.newPage(), venue.server.url);
    desk = new DeskPage(await deskDevice.newPage(), venue.server.url);
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
  });

  it("the phone, offline for good, takes a ticket and shows its code", async () => {
    await offline(phoneDevice, true);
    ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    code = await ticket.numberText();
  });

  it("the desk takes it in from the picture, serves it, and the server accepts all of it", async () => {
    expect(await desk.scanTicketImage(await ticket.qrImage())).toContain(code);
    await desk.waitForInLine(code);
    await desk.callTicket(code);
    await desk.logConsultation({ notes: [], outcome: "answered", topic: TOPIC, advice: "Ikuti pedoman penyetaraan." });
    await desk.waitUntilSynced();
    // nothing refused: the phone's ticket went in with the phone's signature
    expect(await desk.page.getByTestId("sync-rejected").count()).toBe(0);
  });

  it("the organizer's report has the consultation; the phone never went online", async () => {
    const admin = new AdminPage(await organizerDevice.newPage(), venue.server.url);
    await admin.open();
    await admin.signIn(venue.server.eventId, venue.server.codes.organizerCode);
    await expect.poll(() => admin.reportText(), { timeout: 60_000 }).toContain(TOPIC);
    expect(await ticket.currentState()).toBe("waiting");
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
