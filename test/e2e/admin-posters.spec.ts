import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 13, the organizer: sign-in lands on the day's work without a false
 * "no event" notice; the join poster always carries the working code (and
 * refuses to print without one); a link without a code still fills in the
 * event; a desk passcode does not stay in the address bar.
 */
describe("organizer: landing, posters and links", () => {
  const venue = clinic(LAPTOP, PHONE, LAPTOP);
  let laptop: BrowserContext;
  let phone: BrowserContext;
  let deskLaptop: BrowserContext;
  let admin: AdminPage;

  beforeAll(async () => {
    [laptop, phone, deskLaptop] = venue.devices;
    admin = new AdminPage(await laptop.newPage(), venue.server.url);
  });

  it("after sign-in the organizer lands on Pantauan, with no 'no event' flash while online", async () => {
    await admin.open(`?event=${venue.server.eventId}`);
    await admin.watchForNoEventNotice();
    await admin.signInOnly(venue.server.eventId, venue.server.codes.organizerCode);
    await admin.page.getByTestId("admin-overview").waitFor();
    expect(await admin.openTab()).toBe("overview");
    expect(await admin.noEventNoticeSeen()).toBe(false);
  });

  it("the join poster carries the current participant code, and follows a rotation", async () => {
    await admin.showSetup();
    const shown = await admin.posterJoinCode();
    expect(shown).toBe(venue.server.codes.participantCode);
    expect(await admin.posterJoinUrl()).toContain(`code=${encodeURIComponent(shown)}`);
    expect((await admin.printPosters()).printed).toBe(true);

    expect((await admin.codes()).participant).toBe(shown);
    await admin.rotate("participant");
    const rotated = (await admin.codes()).participant ?? "";
    expect(rotated).not.toBe(shown);
    await expect.poll(() => admin.posterJoinCode()).toBe(rotated);
    expect(await admin.posterJoinUrl()).toContain(`code=${encodeURIComponent(rotated)}`);
  });

  it("a phone that scans the join poster joins the clinic", async () => {
    const url = await admin.posterJoinUrl();
    const participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    await participant.openLink(url);
    await participant.registerForm.waitFor();
  });

  it("a link with the event but no code fills in the event on the join screen", async () => {
    const other = await venue.browser.newContext({ viewport: PHONE });
    try {
      const participant = new ParticipantPage(await other.newPage(), venue.server.url);
      await participant.openLink(`${venue.server.url}/?event=${venue.server.eventId}`);
      expect(await participant.joinFields()).toEqual({ eventId: venue.server.eventId, code: "" });
    } finally {
      await other.close();
    }
  });

  it("without a working code (offline), 'Cetak poster' refuses and says why", async () => {
    await offline(laptop, true);
    try {
      await admin.reopenSetup();
      await admin.waitForJoinCodeUnknown();
      const { printed, refusal } = await admin.printPosters();
      expect(printed).toBe(false);
      expect(refusal).toContain("kode bergabung");
    } finally {
      await offline(laptop, false);
    }
  });

  it("a desk that signs in from a link with its passcode keeps no passcode in the address", async () => {
    const desk = new DeskPage(await deskLaptop.newPage(), venue.server.url);
    const passcode = venue.server.codes.deskCodes.K1 ?? "";
    await desk.signInFromLink(venue.server.eventId, "K1", passcode);
    await expect.poll(() => desk.page.url()).not.toContain("code=");
    expect(desk.page.url()).toContain("desk=K1");
    expect(await desk.page.evaluate(() => window.location.href)).not.toContain(passcode);
  });

  it("the ID/EN buttons say what they show (WCAG 2.5.3) and are at least 44 × 44 px", async () => {
    const buttons = await admin.languageButtons();
    expect(buttons.map((b) => b.shown)).toEqual(["ID", "EN"]);
    for (const b of buttons) {
      expect(b.width).toBeGreaterThanOrEqual(44);
      expect(b.height).toBeGreaterThanOrEqual(44);
    }
    // axe's label-in-name rule is off by default (experimental): asked for by name
    const { violations } = await new AxeBuilder({ page: admin.page })
      .include('[data-testid="language-switch"]')
      .withRules(["label-content-name-mismatch", "target-size"])
      .analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
    for (const shown of ["ID", "EN"]) {
      expect(await admin.page.getByRole("button", { name: new RegExp(`^${shown}\\b`) }).count()).toBe(1);
    }
  });

  it("made no console errors and no dialogs", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
