import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 4: two tables of one domain lose the network and both call the same
 * participant. When they are back, one holds the ticket — the same one on both
 * screens and on the phone — and the other was told plainly.
 */
describe("two desks call the same ticket while apart", () => {
  const venue = clinic(PHONE, LAPTOP, LAPTOP);
  let participant: ParticipantPage;
  let k1: DeskPage;
  let k2: DeskPage;

  beforeAll(async () => {
    const [phone, desk1, desk2] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    k1 = new DeskPage(await desk1.newPage(), venue.server.url);
    k2 = new DeskPage(await desk2.newPage(), venue.server.url);
  });

  it("after sync both desks show the same holder, and the other desk was told", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    const ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    const number = await ticket.waitForNumber();

    for (const [desk, id] of [
      [k1, "K1"],
      [k2, "K2"],
    ] as const) {
      await desk.open();
      await desk.signIn(venue.server.eventId, id, venue.server.codes.deskCodes[id] ?? "");
      await desk.waitForInLine(number);
    }

    // apart: each calls the ticket
    await offline(venue.devices[1], true);
    await offline(venue.devices[2], true);
    expect(await k1.callNext()).toBe(number);
    expect(await k2.callNext()).toBe(number);

    // together again
    await offline(venue.devices[1], false);
    await offline(venue.devices[2], false);
    await k1.waitUntilSynced();
    await k2.waitUntilSynced();
    // one desk holds it: it keeps it as its current ticket; the other let it go
    const holding = async () => [await k1.currentNumberText(), await k2.currentNumberText()].filter((n) => n === number).length;
    await expect.poll(holding).toBe(1);
    const [winner, loser, table] = (await k1.currentNumberText()) === number ? [k1, k2, 1] : [k2, k1, 2];
    // the phone sends its participant to that table
    await expect.poll(() => ticket.calledToTable()).toBe(table);
    await ticket.waitForState("called");
    // the other desk was told, in plain words, who has it; the holder was told nothing
    await loser.conflictAbout(number).waitFor();
    expect(await winner.conflictAbout(number).count()).toBe(0);
    expect(await loser.conflictHolderTable(number)).toBe(table);
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
