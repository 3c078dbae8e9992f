import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { type StallProxy, startStallProxy } from "./harness/stall-proxy.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage, type Ticket } from "./pages/participant-page.ts";

/**
 * Issue 12: 3G stalls without closing the connection. The phone reaches the
 * server through a proxy that stops forwarding without closing anything; the
 * desk calls meanwhile. The phone must say it is not hearing the server (never
 * "up to date" while deaf) and show the call soon after the link comes back.
 * A desk taken offline says so within 5 s, before its next action.
 */
describe("a stalled connection does not hide the call", () => {
  const venue = clinic(PHONE, LAPTOP);
  let proxy: StallProxy;
  let phoneDevice: BrowserContext;
  let deskDevice: BrowserContext;
  let participant: ParticipantPage;
  let desk: DeskPage;
  let ticket: Ticket;
  let number: string;

  beforeAll(async () => {
    [phoneDevice, deskDevice] = venue.devices;
    proxy = await startStallProxy(venue.server.port);
    participant = new ParticipantPage(await phoneDevice.newPage(), proxy.url);
    desk = new DeskPage(await deskDevice.newPage(), venue.server.url);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it("the phone, behind the proxy, takes a number and hears the server", async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    number = await ticket.waitForNumber();
    await participant.waitForSyncPhase("idle");
    await desk.open();
    await desk.signIn(venue.server.eventId, "K1", venue.server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine(number);
  });

  it("while the link is stalled, the desk's call does not arrive and the phone says it is not hearing the server", async () => {
    proxy.stall();
    expect(await desk.callNext()).toBe(number);
    // the heartbeat stops: the phone must notice (12 s of silence), not keep saying it is connected
    await participant.waitForSyncPhase("offline", 20_000);
    const words = await participant.syncBadgeText();
    expect(words).toContain("Tidak ada kabar dari server sejak");
    expect(words).not.toMatch(/sinkron|luring/i);
    expect(await ticket.currentState()).toBe("waiting");
  });

  it("once the link comes back, the phone shows the call within 10 s", async () => {
    // still deaf a while later: the status keeps saying so (the engine retries through the stall)
    await participant.waitForSyncPhase("offline");
    proxy.resume();
    const back = Date.now();
    await ticket.waitForState("called");
    expect(Date.now() - back).toBeLessThan(10_000);
    await participant.waitForSyncPhase("idle", 10_000);
  });

  it("a desk taken offline says so within 5 s, before its next action", async () => {
    await desk.waitForSyncPhase("idle");
    await offline(deskDevice, true);
    const cut = Date.now();
    await desk.waitForSyncPhase("offline", 5_000);
    expect(Date.now() - cut).toBeLessThan(5_000);
    await offline(deskDevice, false);
    await desk.waitForSyncPhase("idle", 15_000);
  });

  it("nothing went wrong on either device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
