import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 10: phones with wrong clocks. One phone's clock runs four hours ahead,
 * another's an hour behind (Playwright sets each browser context's clock); the
 * first takes its ticket before the second. The desk's line shows them in the
 * order they really came: both phones stamp the server's time, not their own.
 */
const HOUR = 3_600_000;

describe("phones with wrong clocks", () => {
  const venue = clinic(PHONE, PHONE, LAPTOP);
  let fast: ParticipantPage;
  let slow: ParticipantPage;
  let desk: DeskPage;

  beforeAll(async () => {
    const [fastPhone, slowPhone, deskDevice] = venue.devices;
    await fastPhone.clock.install({ time: Date.now() + 4 * HOUR });
    await slowPhone.clock.install({ time: Date.now() - HOUR });
    fast = new ParticipantPage(await fastPhone.newPage(), venue.server.url);
    slow = new ParticipantPage(await slowPhone.newPage(), venue.server.url);
    desk = new DeskPage(await deskDevice.newPage(), venue.server.url);
  });

  it("the desk's line shows them in the order they really came", async () => {
    for (const p of [fast, slow]) {
      await p.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
      await p.register(KABAG_ORGANISASI);
    }
    const first = await (await fast.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text)).waitForNumber();
    const second = await (await slow.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text)).waitForNumber();

    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine(second);
    await desk.waitForInLine(first);
    expect(await desk.lineNumbers()).toEqual([first, second]);
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
