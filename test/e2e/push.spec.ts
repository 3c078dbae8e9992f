import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { PHONE, waitForServiceWorker } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 12: a call reaches a phone whose page is not looking. Chromium's
 * DevTools protocol delivers a push message to the participant's service
 * worker as a push service would; the worker must show the call as a
 * notification that opens the ticket, and drop a message that is not ours.
 */
describe("web push reaches the service worker", () => {
  const venue = clinic(PHONE);
  let phone: BrowserContext;
  let participant: ParticipantPage;

  beforeAll(async () => {
    [phone] = venue.devices;
    await phone.grantPermissions(["notifications"], { origin: venue.server.url });
    participant = new ParticipantPage(await phone.newPage(), venue.server.url);
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await waitForServiceWorker(participant.page);
  });

  async function deliver(data: unknown): Promise<void> {
    const cdp = await phone.newCDPSession(participant.page);
    const registration = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL.startsWith(venue.server.url) && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const registrationId = await registration;
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: venue.server.url,
      registrationId,
      data: JSON.stringify(data),
    });
    await cdp.detach();
  }

  const shown = () =>
    participant.page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
    });

  it("shows a call as a notification that opens the ticket", async () => {
    const ticketId = "06H3B3H70540MNE18XBTGEY9AC";
    await deliver({ kind: "called", title: "Nomor K-012 dipanggil", body: "Silakan menuju Meja K1", ticketId });
    await expect.poll(shown).toEqual([
      {
        title: "Nomor K-012 dipanggil",
        body: "Silakan menuju Meja K1",
        tag: `called-${ticketId}`,
        data: { url: `/?t=${ticketId}` },
      },
    ]);
  });

  it("drops a push message that fails the shared validator", async () => {
    await deliver({ kind: "called", title: "x", body: "y", ticketId: "../../admin" });
    await deliver({ kind: "near", title: "Nomor K-013: 2 lagi", body: "Bersiaplah", ticketId: "06H3B3H70540MNE18XBTGEY9AD" });
    // the valid one after the bad one shows; the bad one never did
    await expect.poll(async () => (await shown()).map((n) => n.tag)).toContain("near-06H3B3H70540MNE18XBTGEY9AD");
    expect((await shown()).map((n) => n.title)).not.toContain("x");
  });
});
