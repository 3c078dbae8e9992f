import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { BoardPage } from "./pages/board-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/** A 1080p TV, as the venue's board runs on. */
const TV = { width: 1920, height: 1080 } as const;

/**
 * Issue 13, the board on a TV seen from 5–10 m: the called number and its desk
 * dominate (at least a tenth of the screen's height, measured on a
 * screenshot), named "Meja K1" as everywhere else; nothing for the staff; the
 * sound, once turned on, stays on across reloads.
 */
describe("the board on the venue's TV", () => {
  const venue = clinic(PHONE, LAPTOP, TV);
  let participant: ParticipantPage;
  let desk: DeskPage;
  let board: BoardPage;

  beforeAll(async () => {
    const [phone, deskDevice, tv] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    desk = new DeskPage(await deskDevice.newPage(), venue.server.url);
    board = new BoardPage(await tv.newPage(), venue.server.url);
  });

  it("remembers that the call sound was turned on", async () => {
    await board.openForEvent(venue.server.eventId, venue.server.codes.participantCode);
    await board.soundButton.click();
    await board.soundButton.waitFor({ state: "detached" });
    await board.reload();
    await board.desks.waitFor();
    expect(await board.soundButton.count()).toBe(0);
  });

  it("shows the call across the hall: number and desk in type a tenth of the screen high", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    const number = await (await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text)).waitForNumber();
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine(number);
    await board.waitUntilLive();
    expect(await desk.callNext()).toBe(number);

    expect(await board.currentCallText(number)).toBe(`${number} silakan ke Meja K1`);
    const { ink, screen } = await board.calledNumberInkHeight();
    console.info(`board: the called number is ${ink} px high on a ${screen} px screen`);
    expect(screen).toBe(TV.height);
    expect(ink).toBeGreaterThanOrEqual(screen / 10);
    await board.waitForText(`${number} → Meja K1`);
    await expect.poll(async () => (await board.announcement.textContent()) ?? "").toContain("Meja K1");
  });

  it("has one level-one heading and nothing for the staff", async () => {
    expect(await board.headingsOfLevelOne()).toHaveLength(1);
    expect(await board.staffThingsShown()).toBe(0);
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
