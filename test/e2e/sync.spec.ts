import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 3: a participant's phone and a desk, each its own browser, against the
 * real venue.server. The number comes from the server; the call reaches the phone;
 * a consultation the desk logs offline reaches the phone once the desk is back.
 */
describe("phone and desk in sync", () => {
  const venue = clinic(PHONE, LAPTOP);
  let phoneDevice: BrowserContext;
  let deskDevice: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;
  let ticket: Ticket;
  let number: string;

  const ADVICE = "Ajukan usulan penyetaraan melalui SIMPEL-KAN paling lambat akhir Maret.";

  beforeAll(async () => {
    [phoneDevice, deskDevice] = venue.devices;
    participant = new ParticipantPage(await phoneDevice.newPage(), venue.server.url);
    desk = new DeskPage(await deskDevice.newPage(), venue.server.url);
  });

  it("the participant takes a number from the server", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    number = await ticket.waitForNumber();
    expect(number).toBe("K-001");
  });

  it("the desk calls it and the phone shows the call", async () => {
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.watchCallButtonMoves();
    await desk.waitForInLine(number);
    expect(await desk.callNext()).toBe(number);

    await ticket.waitForState("called");
    expect(await ticket.calledToTable()).toBe(1);
  });

  it("the desk logs the consultation offline; the phone sees the outcome once the desk is back", async () => {
    await offline(deskDevice, true);
    await desk.logConsultation({
      notes: ["Peserta sudah memetakan 14 jabatan pengawas.", "Perlu rekomendasi BKN untuk 2 jabatan."],
      outcome: "answered",
      topic: QUESTION_SOTK.topic,
      advice: ADVICE,
    });
    // start, two notes and close wait on the desk; the phone has not heard of them
    await desk.pendingChanges.waitFor();
    expect(await desk.syncPhase()).toBe("offline");
    expect(await ticket.currentState()).toBe("called");

    await offline(deskDevice, false);
    await desk.waitUntilSynced();
    await ticket.waitForState("done");
    await expect.poll(() => ticket.adviceText()).toContain(ADVICE);
  });

  it("the desk's line stayed put through every sync round, offline and back (a moving button loses clicks)", async () => {
    await desk.syncRound();
    expect(await desk.callButtonMoves()).toEqual([]);
  });

  it("once the consultation is on the server, the desk keeps the ticket but forgets who asked", async () => {
    expect(await desk.storedText()).toContain(QUESTION_SOTK.topic);
    // the desk's housekeeping runs at most every 10 s (src/app/ui/use-after-sync.ts)
    await expect.poll(() => desk.storedText(), { timeout: 20_000 }).not.toContain(KABAG_ORGANISASI.name);
    const held = await desk.storedText();
    for (const personal of [KABAG_ORGANISASI.phone ?? "", KABAG_ORGANISASI.position, KABAG_ORGANISASI.institution]) {
      expect(held).not.toContain(personal);
    }
    expect(held).toContain(ADVICE); // the consultation stays on the desk
    // the phone keeps her own profile
    expect(await participant.storedText()).toContain(KABAG_ORGANISASI.name);
  });

  it("nothing went wrong on either device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
