import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, launchBrowser, newDevice, PHONE, type Viewport } from "./harness/browser.ts";
import { type RunningServer, startServer } from "./harness/server.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { BoardPage } from "./pages/board-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 4: axe-core finds no violation on any screen of any surface, on a
 * 360 px phone and on a 1280 px laptop. Screens are visited in the order of a
 * clinic visit, so each one shows real content, not an empty state.
 */
async function audit(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact ?? "?"}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}

describe("accessibility of every screen", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const run = (name: string, viewport: Viewport, deskId: "K1" | "K2") =>
    it(`no violations at ${name} (${viewport.width} px)`, async () => {
      const found: string[] = [];
      // a phone, a desk, a TV and an organizer: one device each, all of this width
      const devices = [];
      for (let i = 0; i < 4; i++) devices.push(await newDevice(browser, { viewport }));
      const [phone, deskDevice, tv, organizer] = devices as [BrowserContext, BrowserContext, BrowserContext, BrowserContext];
      const participant = new ParticipantPage(await phone.newPage(), server.url);
      const desk = new DeskPage(await deskDevice.newPage(), server.url);
      const board = new BoardPage(await tv.newPage(), server.url);
      const admin = new AdminPage(await organizer.newPage(), server.url);

      await participant.joinByLink(server.eventId, server.codes.participantCode);
      await participant.registerForm.waitFor();
      found.push(...(await audit(participant.page, "participant: registration")));
      await participant.register(KABAG_ORGANISASI);
      found.push(...(await audit(participant.page, "participant: take a ticket")));
      const ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
      const number = await ticket.waitForNumber();
      found.push(...(await audit(participant.page, "participant: ticket waiting")));

      await desk.open();
      found.push(...(await audit(desk.page, "desk: sign in")));
      await desk.signIn(server.eventId, deskId, server.codes.deskCodes[deskId] ?? "");
      await desk.waitForInLine(number);
      found.push(...(await audit(desk.page, "desk: line")));
      await desk.callTicket(number);
      await ticket.waitForState("called");
      found.push(...(await audit(desk.page, "desk: called")));
      found.push(...(await audit(participant.page, "participant: called")));

      await board.openForEvent(server.eventId, server.codes.participantCode);
      await board.waitForText(number);
      found.push(...(await audit(board.page, "board")));

      await desk.startConsultation();
      await desk.addNote("Catatan konsultasi.");
      found.push(...(await audit(desk.page, "desk: consultation")));
      await desk.closeWithOutcome("answered", QUESTION_SOTK.topic, "Saran tindak lanjut.");
      await ticket.waitForState("done");
      await ticket.waitForSurvey();
      found.push(...(await audit(participant.page, "participant: outcome and survey")));
      await ticket.rate(3);
      found.push(...(await audit(participant.page, "participant: after the survey")));

      await admin.open();
      found.push(...(await audit(admin.page, "admin: sign in")));
      await admin.signIn(server.eventId, server.codes.organizerCode);
      await admin.reportRowFor(number).waitFor();
      found.push(...(await audit(admin.page, "admin: report")));
      await admin.showParticipants();
      await expect.poll(async () => (await admin.participantRows()).length).toBeGreaterThan(0);
      found.push(...(await audit(admin.page, "admin: participants")));
      await admin.showOverview();
      found.push(...(await audit(admin.page, "admin: overview")));
      await admin.showSetup();
      found.push(...(await audit(admin.page, "admin: setup")));

      for (const device of devices) await device.close();
      expect(found).toEqual([]);
    });

  run("phone width", PHONE, "K1");
  run("laptop width", LAPTOP, "K2");
});
