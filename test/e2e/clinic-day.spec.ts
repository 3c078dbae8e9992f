import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KASUBBAG_KINERJA, QUESTION_SAKIP } from "./fixtures.ts";
import { LAPTOP, offline, PHONE, waitForServiceWorker } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 4: a whole clinic visit. A participant lines up at two domains at once,
 * is served at one (her place in the other line is kept), keeps the outcome and
 * the advice on her phone, rates the service; the organizer's report has it all.
 */
describe("a participant's clinic day", () => {
  const venue = clinic(PHONE, LAPTOP);
  let phone: BrowserContext;
  let laptop: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;
  let kTicket: Ticket;
  let sTicket: Ticket;

  const ADVICE = "Susun peta proses bisnis dulu, lalu selaraskan indikator kinerja utama dengan RPJMD.";

  beforeAll(async () => {
    [phone, laptop] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    desk = new DeskPage(await laptop.newPage(), venue.server.url);
  });

  it("joins from the QR link, registers with consent and lines up at two domains at once", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KASUBBAG_KINERJA);
    await participant.takeTicket(["K", "S"], QUESTION_SAKIP.topic, QUESTION_SAKIP.text);
    kTicket = await participant.ticketFor("K");
    sTicket = await participant.ticketFor("S");
    expect(await kTicket.waitForNumber()).toBe("K-001");
    expect(await sTicket.waitForNumber()).toBe("S-001");
    expect(await kTicket.currentState()).toBe("waiting");
  });

  it("is called to the desk and served; her place in the other line is kept", async () => {
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine("K-001");
    expect(await desk.callNext()).toBe("K-001");
    await desk.waitForText(KASUBBAG_KINERJA.name);
    await desk.waitForText(QUESTION_SAKIP.topic);
    await kTicket.waitForState("called");
    expect(await kTicket.calledToTable()).toBe(1);

    await desk.startConsultation();
    await kTicket.waitForState("serving");
    expect(await sTicket.currentState()).toBe("waiting");

    await desk.addNote("IKU belum selaras dengan sasaran strategis RPJMD.");
    await desk.closeWithOutcome("answered", QUESTION_SAKIP.topic, ADVICE);
    await kTicket.waitForState("done");
    await expect.poll(() => kTicket.adviceText()).toContain(ADVICE);
    expect(await sTicket.currentState()).toBe("waiting");
  });

  it("rates the service with the SKM survey, and keeps the outcome on the phone", async () => {
    await kTicket.rate(4, "Narasumber sangat membantu.");
    await participant.waitUntilSynced();

    // the reload below comes from the service worker's cache: it must control the page first
    await waitForServiceWorker(participant.page);
    await offline(phone, true);
    await participant.reload();
    await expect.poll(() => kTicket.adviceText()).toContain(ADVICE);
    await kTicket.waitForSurveyDone();
    await offline(phone, false);
  });

  it("the organizer's report holds the consultation and the rating", async () => {
    const admin = new AdminPage(await laptop.newPage(), venue.server.url);
    await admin.open();
    await admin.signIn(venue.server.eventId, venue.server.codes.organizerCode);
    const row = admin.reportRowFor("K-001");
    await row.waitFor();
    expect(await row.textContent()).toContain(QUESTION_SAKIP.topic);
    await expect.poll(() => admin.surveyResponses()).toBe(1);
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
