import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 5, privacy: a participant asks the organizer (not their phone) to delete
 * their data. The organizer finds them by the number they remember and erases
 * it; the phone learns at its next sync, and neither device keeps the name.
 */
describe("an organizer erases one participant's data on request", () => {
  const venue = clinic(PHONE, LAPTOP);
  let phone: BrowserContext;
  let participant: ParticipantPage;
  let admin: AdminPage;
  let ticket: Ticket;
  let number: string;

  beforeAll(async () => {
    [phone] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    admin = new AdminPage(await (venue.devices[1] as BrowserContext).newPage(), venue.server.url);
  });

  it("the participant registers and lines up", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    ticket = await participant.takeTicket("A", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    number = await ticket.waitForNumber();
  });

  it("the organizer finds her by her ticket number and erases her data", async () => {
    await admin.open();
    await admin.signIn(venue.server.eventId, venue.server.codes.organizerCode);
    await admin.showParticipants();
    await expect.poll(() => admin.participantRows()).toHaveLength(1);
    await admin.searchParticipants("tidak ada yang bernama begini");
    await expect.poll(() => admin.participantRows()).toEqual([]);
    await admin.searchParticipants(number.toLowerCase());
    const [row] = await admin.participantRows();
    expect(row).toContain(KABAG_ORGANISASI.name);
    expect(row).toContain(`${number} (menunggu)`);

    expect(await admin.eraseParticipant(KABAG_ORGANISASI.name)).toContain(KABAG_ORGANISASI.name);
    await expect.poll(() => admin.participantRows()).toEqual([]);
  });

  it("her phone says her data is gone and her ticket is cancelled; neither device keeps her name or her question", async () => {
    await participant.waitForErased();
    // her profile and her own words: the question's text goes, its topic stays for the report
    // the organizer's housekeeping runs at most every 10 s (src/app/ui/use-after-sync.ts)
    for (const device of [participant, admin]) {
      await expect.poll(() => device.storedText(), { timeout: 20_000 }).not.toContain(KABAG_ORGANISASI.name);
      await expect.poll(() => device.storedText(), { timeout: 20_000 }).not.toContain(QUESTION_SOTK.text);
      expect(await device.storedText()).not.toContain(KABAG_ORGANISASI.phone ?? "");
    }
    await admin.showReport();
    const reportRow = admin.reportRowFor(number);
    await reportRow.waitFor();
    expect(await reportRow.textContent()).toContain("batal");
    expect(await reportRow.textContent()).toContain(QUESTION_SOTK.topic);
  });

  it("nothing went wrong on either device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
