import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 4: the venue's network is down. A participant takes a ticket on her
 * phone; the desk takes it in from a picture of the ticket's QR code (the
 * scanner's file input), calls it and serves it — no network on either side.
 * When both are back, the server and the phone agree with the desk.
 */
describe("QR handoff with no network", () => {
  const venue = clinic(PHONE, LAPTOP);
  let phoneDevice: BrowserContext;
  let deskDevice: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;
  let ticket: Ticket;
  let code: string;

  beforeAll(async () => {
    [phoneDevice, deskDevice] = venue.devices;
    participant = new ParticipantPage(await phoneDevice.newPage(), venue.server.url);
    desk = new DeskPage(await deskDevice.newPage(), venue.server.url);

    // the morning, online: the participant registers, the desk signs in
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
  });

  it("the participant takes a ticket offline and shows its QR code", async () => {
    await offline(phoneDevice, true);
    await offline(deskDevice, true);
    ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    code = await ticket.numberText();
    expect(code).toMatch(/^K/);
  });

  it("the desk takes it in from the QR picture, calls it and serves it, offline", async () => {
    expect(await desk.scanTicketImage(await ticket.qrImage())).toContain(code);
    await desk.waitForInLine(code);
    await desk.waitForText(KABAG_ORGANISASI.name);
    await desk.callTicket(code);
    await desk.waitForText(QUESTION_SOTK.topic);
    await desk.logConsultation({
      notes: ["Diterima lewat kode QR saat jaringan mati."],
      outcome: "answered",
      topic: QUESTION_SOTK.topic,
      advice: "Gunakan peta jabatan hasil validasi KemenPANRB.",
    });
    await desk.pendingChanges.waitFor();
    // the phone, still offline, knows nothing of it yet
    expect(await ticket.currentState()).toBe("waiting");
  });

  it("once both are back online, the phone shows what the desk did", async () => {
    await offline(deskDevice, false);
    await desk.waitUntilSynced();
    await offline(phoneDevice, false);
    await participant.becomeVisible();
    await ticket.waitForState("done");
    await expect.poll(() => ticket.adviceText()).toContain("peta jabatan");
    // the server gave the ticket its number after all
    expect(await ticket.waitForNumber()).toMatch(/^K-\d{3,4}$/);
  });

  it("nothing went wrong on either device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
