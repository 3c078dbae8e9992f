import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI } from "./fixtures.ts";
import { LAPTOP, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 12, "Also on the phone": the domain comes first, each with a line on
 * what it covers; the topic is one tap or a short line; the question's text is
 * optional (many prefer to ask at the table), and the desk copes with a topic alone.
 */
describe("taking a number", () => {
  const venue = clinic(PHONE, LAPTOP);
  let phone: BrowserContext;
  let laptop: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;

  beforeAll(async () => {
    [phone, laptop] = venue.devices;
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    desk = new DeskPage(await laptop.newPage(), venue.server.url);
  });

  it("asks for the domain first, says what each covers, and offers its topics once chosen", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    await participant.openTakeTicket();
    const before = await participant.takeTicketFormShown();
    expect(before.order).toEqual(["domains", "topic", "question"]);
    expect(Object.keys(before.covers).sort()).toEqual(["A", "K", "P", "S"]);
    for (const line of Object.values(before.covers)) expect(line.length).toBeGreaterThan(10);
    expect(before.covers.A).toContain("SAKIP");
    expect(before.choices).toEqual([]);
    await participant.chooseDomain("P");
    expect((await participant.takeTicketFormShown()).choices).toContain("Standar pelayanan");
    await participant.leaveTakeTicket();
  });

  it("takes a number with a chosen topic and no written question; the desk sees the topic alone", async () => {
    const ticket = await participant.takeTicket("P", "Standar pelayanan", "", "choose");
    expect(await ticket.waitForNumber()).toBe("P-001");
    expect(await ticket.questionShown()).toEqual({ topic: "Standar pelayanan", text: "" });
    await participant.waitUntilSynced();

    await desk.open();
    await desk.signIn(venue.server.eventId, "P1", venue.server.codes.deskCodes.P1 ?? "");
    await desk.waitForInLine("P-001");
    expect(await desk.callNext()).toBe("P-001");
    expect(await desk.currentQuestionText()).toBe("Standar pelayanan");
    await ticket.waitForState("called");
  });
});
