import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, KASUBBAG_KINERJA, QUESTION_SAKIP, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Score, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 13, the report for the Deputy: two participants served at K1 rate the
 * service with different scores; the test computes the SKM element means and
 * the IKM itself (Permenpan RB 14/2017: mean per element, mean of the means ×
 * 25), writes them as Indonesian (Intl id-ID: 3,50) and compares with the page.
 */
describe("the printed report, checked against an independent computation", () => {
  const venue = clinic(PHONE, PHONE, LAPTOP);
  let desk: DeskPage;
  const tickets: Ticket[] = [];
  const given: Record<number, Score>[] = [];

  beforeAll(async () => {
    const [phoneA, phoneB, laptop] = venue.devices as unknown as [BrowserContext, BrowserContext, BrowserContext];
    for (const [phone, who, q] of [
      [phoneA, KABAG_ORGANISASI, QUESTION_SOTK],
      [phoneB, KASUBBAG_KINERJA, QUESTION_SAKIP],
    ] as const) {
      const p = new ParticipantPage(await phone.newPage(), venue.server.url);
      await p.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
      await p.register(who);
      tickets.push(await p.takeTicket("K", q.topic, q.text));
    }
    desk = new DeskPage(await laptop.newPage(), venue.server.url);
  });

  it("the desk serves both, and each rates the service", async () => {
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    const scores: Score[][] = [
      [4, 3, 4, 4, 3, 4, 4, 3, 4],
      [3, 3, 4, 2, 3, 4, 3, 3, 4],
    ];
    for (const [i, ticket] of tickets.entries()) {
      await desk.waitForInLine(await ticket.waitForNumber());
      await desk.callNext();
      await desk.startConsultation();
      await desk.closeWithOutcome("answered", "Topik", "Saran tertulis.");
      await ticket.waitForState("done");
      given.push(await ticket.rate(scores[i] ?? [4]));
    }
  });

  it("shows the SKM means and the IKM the test computes, written as Indonesian", async () => {
    const admin = new AdminPage(await desk.page.context().newPage(), venue.server.url);
    await admin.open();
    await admin.signIn(venue.server.eventId, venue.server.codes.organizerCode);
    await expect.poll(() => admin.surveyResponses(), { timeout: 60_000 }).toBe(2);

    const id = (n: number) => new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
    const elements = Object.keys(given[0] ?? {}).map(Number);
    const means = elements.map((e) => given.reduce((sum, g) => sum + (g[e] ?? 0), 0) / given.length);
    const ikm = (means.reduce((a, b) => a + b, 0) / means.length) * 25;

    const row = await admin.skmRow("overall");
    expect(row.elements).toEqual(Object.fromEntries(elements.map((e, i) => [e, id(means[i] ?? 0)])));
    expect(row.ikm).toBe(id(ikm));
    expect(row.ikm).toContain(","); // a decimal comma, never a point

    const text = await admin.reportText();
    expect(text).toContain("15–16 Januari 2026");
    // the unit responsible comes from the event record (the demo event's Setup), not from this laptop
    expect(text).toContain("Kedeputian Bidang Kelembagaan dan Tata Laksana, Kementerian PANRB");
    expect(text).toContain("Kab. Badung");
    expect(text).toContain("Kota Mataram");
    // personal data is off by default
    expect(text).not.toContain(KABAG_ORGANISASI.name);
    expect(text).not.toContain(KASUBBAG_KINERJA.name);
    // a place, a date written out, and room to sign
    expect(await admin.page.getByTestId("admin-report-signature").textContent()).toContain("Denpasar, 16 Januari 2026");
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
