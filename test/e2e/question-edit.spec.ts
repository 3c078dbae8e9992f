import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SAKIP, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 4: the participant writes a question and may edit it until the
 * consultation starts. An edit made offline that reaches the ticket after the
 * desk started is kept aside (the `lateEdit` merge rule): the desk keeps the
 * question it saw, and the phone says so plainly.
 */
describe("editing the question", () => {
  const venue = clinic(PHONE, LAPTOP);
  let phone: BrowserContext;
  let laptop: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;

  const EDITED = {
    topic: "Penyetaraan jabatan fungsional",
    text: "Jabatan pengawas mana saja yang wajib disetarakan, dan bagaimana bila formasinya belum ada?",
  };
  const LATE = {
    topic: "Nilai SAKIP dan RB",
    text: "Selain AKIP, apakah indeks reformasi birokrasi juga dinilai dari dokumen yang sama?",
  };

  beforeAll(async () => {
    [phone, laptop] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    desk = new DeskPage(await laptop.newPage(), venue.server.url);
  });

  it("edits the question before being called, and the desk sees the new question", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    const ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    expect(await ticket.waitForNumber()).toBe("K-001");

    await ticket.editQuestion(EDITED.topic, EDITED.text);
    await expect.poll(() => ticket.questionShown()).toEqual(EDITED);
    await participant.waitUntilSynced();

    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine("K-001");
    expect(await desk.callNext()).toBe("K-001");
    const shown = await desk.currentQuestionText();
    expect(shown).toContain(EDITED.topic);
    expect(shown).toContain(EDITED.text);
    expect(shown).not.toContain(QUESTION_SOTK.text);

    await ticket.waitForState("called");
    expect(await ticket.canEditQuestion()).toBe(true);
    await desk.logConsultation({
      notes: [],
      outcome: "answered",
      topic: EDITED.topic,
      advice: "Ikuti Permenpan RB 17/2021 tentang penyetaraan jabatan.",
    });
    await ticket.waitForState("done");
    expect(await ticket.canEditQuestion()).toBe(false);
  });

  it("an offline edit that arrives after the desk started is kept aside, and the phone says so", async () => {
    const ticket = await participant.takeTicket("K", QUESTION_SAKIP.topic, QUESTION_SAKIP.text);
    expect(await ticket.waitForNumber()).toBe("K-002");
    await desk.waitForInLine("K-002");
    expect(await desk.callNext()).toBe("K-002");
    await ticket.waitForState("called");

    // the phone loses its signal; meanwhile the participant sits down and the desk starts
    await offline(phone, true);
    await desk.startConsultation();
    await desk.waitUntilSynced();

    // the phone still shows "called", so the edit is offered, and recorded offline
    expect(await ticket.canEditQuestion()).toBe(true);
    await ticket.editQuestion(LATE.topic, LATE.text);
    await expect.poll(() => ticket.questionShown()).toEqual(LATE);

    await offline(phone, false);
    await ticket.waitForState("serving");
    const notice = await ticket.waitForLateEditNotice();
    expect(notice).toContain(LATE.topic);
    expect(notice).toContain(LATE.text);
    await expect.poll(() => ticket.questionShown()).toEqual(QUESTION_SAKIP);
    expect(await ticket.canEditQuestion()).toBe(false);
    await participant.waitUntilSynced();

    // the desk, having pulled everything the server holds (the late edit too), keeps the question it saw
    await desk.syncRound();
    const shown = await desk.currentQuestionText();
    expect(shown).toContain(QUESTION_SAKIP.text);
    expect(shown).not.toContain(LATE.text);
    // …and shows the late edit apart from it, so the desk knows what the participant wanted to add
    const aside = await desk.lateEditText();
    expect(aside).toContain(LATE.topic);
    expect(aside).toContain(LATE.text);
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
