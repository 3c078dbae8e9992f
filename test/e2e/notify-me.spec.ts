import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SAKIP } from "./fixtures.ts";
import { newDevice, PHONE, waitForServiceWorker } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 12, the phone's side of Web Push: "Beri tahu saya saat dipanggil"
 * asks for permission only when tapped, and where push cannot work it says so
 * in one line and keeps the screen awake.
 *
 * Headless Chromium has no push service to register with (it would be FCM,
 * out on the internet), so pushManager.subscribe fails here as it does on a
 * venue laptop without internet: this spec checks that path — the fallback
 * line and the wake lock — and a browser that refused notifications. The
 * server's sending is tested against a local push service in
 * test/api/webpush.test.ts, the worker's notification in push.spec.ts.
 */

/** Counts the screen wake locks the page holds (the API itself cannot be asked). */
const COUNT_WAKE_LOCKS = () => {
  const held = { count: 0 };
  (window as unknown as { __wakeLocks: typeof held }).__wakeLocks = held;
  const wl = navigator.wakeLock as WakeLock | undefined;
  if (!wl) return;
  const request = wl.request.bind(wl);
  wl.request = async (t?: "screen") => {
    const s = await request(t);
    held.count++;
    s.addEventListener("release", () => held.count--);
    return s;
  };
};

async function wakeLocks(ticket: Ticket): Promise<number> {
  return ticket.participant.page.evaluate(() => (window as unknown as { __wakeLocks: { count: number } }).__wakeLocks.count);
}

describe("notify me when I am called", () => {
  const venue = clinic(PHONE);
  let phone: BrowserContext;

  beforeAll(async () => {
    [phone] = venue.devices;
  });

  async function waitingTicket(device: BrowserContext): Promise<Ticket> {
    await device.addInitScript(COUNT_WAKE_LOCKS);
    const participant = new ParticipantPage(await device.newPage(), venue.server.url);
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await waitForServiceWorker(participant.page);
    await participant.register(KABAG_ORGANISASI);
    const ticket = await participant.takeTicket("K", QUESTION_SAKIP.topic, QUESTION_SAKIP.text);
    await ticket.waitForState("waiting");
    return ticket;
  }

  it("offers the button without asking anything, asks on the tap, and without a push service says so and keeps the screen on", async () => {
    const ticket = await waitingTicket(phone);
    expect(await ticket.waitForNotifyState("offer")).toBe("offer");
    // nothing asked on load: the permission is still the browser's default
    expect(await ticket.participant.page.evaluate(() => Notification.permission)).toBe("default");
    // Playwright's grant replaces the whole set: the wake lock, allowed by default, is named again
    await phone.grantPermissions(["notifications", "screen-wake-lock"], { origin: venue.server.url });
    await ticket.askToBeNotified();
    expect(await ticket.waitForNotifyState("fallback")).toBe("fallback");
    expect(await ticket.notifyMeFallback.getAttribute("data-why")).toBe("failed");
    expect(await ticket.notifyMeFallback.textContent()).toContain("Biarkan halaman ini terbuka");
    await expect.poll(() => wakeLocks(ticket)).toBe(1);
  });

  it("tells a browser that blocks notifications at once, and gives the screen back when the ticket no longer waits", async () => {
    const blocked = await newDevice(venue.browser, { viewport: PHONE });
    // as after "Block" on Chrome's prompt, or notifications turned off in the site settings
    await blocked.addInitScript(() => {
      Object.defineProperty(Notification, "permission", { get: () => "denied" });
    });
    const ticket = await waitingTicket(blocked);
    expect(await ticket.waitForNotifyState("fallback")).toBe("fallback");
    expect(await ticket.notifyMeFallback.getAttribute("data-why")).toBe("denied");
    await expect.poll(() => wakeLocks(ticket)).toBe(1);
    await ticket.cancelButton.click();
    await ticket.screen.getByTestId("cancel-confirm").click();
    await ticket.waitForState("cancelled");
    await expect.poll(() => wakeLocks(ticket)).toBe(0);
    await blocked.close();
  });
});
