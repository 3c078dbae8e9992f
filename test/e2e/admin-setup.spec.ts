import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { SignInRequest } from "../../src/core/protocol.ts";
import { createDeviceKey } from "../../src/sync/device-key.ts";
import { clientFor } from "../api/client.ts";
import { LAPTOP } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { DeskPage } from "./pages/desk-page.ts";

/**
 * Issue 5, the organizer's server-side work: edit the event, rotate a code,
 * create another event, see each desk device's sync state, and purge personal
 * data after the event.
 */
describe("organizer setup", () => {
  const venue = clinic(LAPTOP, LAPTOP);
  let laptop: BrowserContext;
  let deskLaptop: BrowserContext;
  let admin: AdminPage;

  async function signInStatus(body: SignInRequest): Promise<number> {
    const r = await clientFor(venue.server.url).authRaw(body, await createDeviceKey());
    return r.status;
  }

  beforeAll(async () => {
    [laptop, deskLaptop] = venue.devices;
    admin = new AdminPage(await laptop.newPage(), venue.server.url);
    await admin.open();
    await admin.signIn(venue.server.eventId, venue.server.codes.organizerCode);
  });

  it("edits the event: the new name shows and a third K desk can sign in", async () => {
    await admin.showSetup();
    const answer = await admin.editEvent({ name: "Forum Koordinasi — Denpasar (diubah)", desks: { K: 3 } });
    expect(answer).toMatch(/Tersimpan|Saved/);
    await expect.poll(async () => (await admin.title.textContent()) ?? "").toContain("Denpasar (diubah)");
    const codes = await admin.codes();
    expect(codes.K3).toBeTruthy();
    expect(await signInStatus({ role: "desk", eventId: venue.server.eventId, deskId: "K3", code: codes.K3 ?? "" })).toBe(200);
  });

  it("rotates the participant code: the old one no longer signs in", async () => {
    const before = await admin.codes();
    await admin.rotate("participant");
    await expect.poll(async () => (await admin.codes()).participant).not.toBe(before.participant);
    const after = await admin.codes();
    expect(await signInStatus({ role: "participant", eventId: venue.server.eventId, code: before.participant ?? "" })).toBe(401);
    expect(await signInStatus({ role: "participant", eventId: venue.server.eventId, code: after.participant ?? "" })).toBe(200);
  });

  it("creates another event and shows its codes once", async () => {
    const answer = await admin.createEvent({
      id: "kupang-2026",
      name: "Forum Koordinasi di Kupang",
      venue: "Kupang, NTT",
      startDate: "2026-05-04",
      endDate: "2026-05-05",
    });
    expect(answer).toContain("kupang-2026");
  });

  it("shows each desk device's sync state in the overview", async () => {
    const desk = new DeskPage(await deskLaptop.newPage(), venue.server.url);
    await desk.open();
    await desk.signIn(venue.server.eventId, "S1", venue.server.codes.deskCodes.S1 ?? "");
    await admin.showOverview();
    const row = admin.deviceSyncRowOf("S1");
    await expect
      .poll(async () => {
        if (!(await row.isVisible())) await admin.page.getByTestId("admin-device-sync-refresh").click();
        return row.isVisible();
      })
      .toBe(true);
    expect(await row.getAttribute("data-lagging")).toBe("false");
    expect((await row.locator('[data-field="pending"]').textContent())?.trim()).toBe("0");
  });

  it("purges personal data once the event is over", async () => {
    await admin.showSetup();
    const answer = await admin.purge(venue.server.eventId);
    expect(answer).toMatch(/dihapus|deleted/);
  });

  it("made no console errors and no dialogs", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
