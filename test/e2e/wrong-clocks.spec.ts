import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, launchBrowser, newDevice, type PageWatch, PHONE, watchDevice } from "./harness/browser.ts";
import { makeTempDir, type RunningServer, startServer } from "./harness/server.ts";
import { AdminPage } from "./pages/admin-page.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 10: devices with wrong clocks. One phone's clock runs four hours ahead,
 * another's an hour behind, and the desk laptop's three hours ahead (Playwright
 * sets each browser context's clock); the first phone takes its ticket before the
 * second. The desk's line shows them in the order they really came, and the
 * minutes the desk shows and the report counts are the true ones: every device
 * stamps and measures the server's time, not its own.
 *
 * True time is the server's. The spec moves it on by whole minutes together with
 * every page clock (the server reads its shift from LOKET_TEST_CLOCK_FILE), so
 * real waits and consultations pass without the spec waiting for them, and it
 * computes every expected figure from its own log of when it did what.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("devices with wrong clocks", () => {
  let server: RunningServer;
  let browser: Browser;
  let clockDir: string;
  let clockFile: string;
  let shift = 0;
  const contexts: BrowserContext[] = [];
  const watches: PageWatch[] = [];
  let fast: ParticipantPage;
  let slow: ParticipantPage;
  let desk: DeskPage;
  let first: string;
  let second: string;
  /** when (true time, ms) the spec saw each thing happen: [just before, just after] */
  const took = new Map<string, readonly [number, number]>();

  /** The true time now: the server's clock. */
  const trueNow = () => Date.now() + shift;

  /**
   * Moves true time on: every device's clock, then the server's. In that order a
   * screen's minutes, renewed by a timer that the move fires, are read on the
   * offset from before the move, which is right; an answer that comes between
   * the two moves gives a sample off by the move, which the next sync replaces
   * (`synced`) before the desk stamps anything.
   */
  async function pass(ms: number): Promise<void> {
    for (const c of contexts) await c.clock.fastForward(ms);
    shift += ms;
    await writeFile(clockFile, String(shift));
  }

  /** Runs `act` and notes the true time around it under `key`. */
  async function noted<T>(key: string, act: () => Promise<T>): Promise<T> {
    const before = trueNow();
    const out = await act();
    took.set(key, [before, trueNow()]);
    return out;
  }

  /** The true minutes from `from` to `to` as the spec saw them: [least, most]. */
  function trueMinutes(from: string, to: string): readonly [number, number] {
    const a = took.get(from);
    const b = took.get(to);
    if (!a || !b) throw new Error(`not noted: ${from} or ${to}`);
    return [(b[0] - a[1]) / MINUTE, (b[1] - a[0]) / MINUTE];
  }

  /**
   * A pull asked after the last clock move has been answered and its round has
   * ended: the desk's offset is fresh. (A request answered while the server had
   * moved and the desk not yet gives a sample off by the move; the next one
   * replaces it, core/clock-offset.ts.)
   */
  async function synced(): Promise<void> {
    const asked = desk.page.waitForRequest((r) => new URL(r.url()).pathname === "/api/pull");
    await desk.page.getByTestId("sync-now").click();
    await (await asked).response();
    await desk.waitUntilSynced();
  }

  beforeAll(async () => {
    clockDir = await makeTempDir("clock");
    clockFile = join(clockDir, "shift");
    await writeFile(clockFile, "0");
    server = await startServer({ env: { LOKET_TEST_CLOCK_FILE: clockFile } });
    browser = await launchBrowser();
    const skews = [4 * HOUR, -HOUR, 3 * HOUR];
    for (const [i, viewport] of [PHONE, PHONE, LAPTOP].entries()) {
      const context = await newDevice(browser, { viewport });
      await context.clock.install({ time: Date.now() + (skews[i] ?? 0) });
      contexts.push(context);
      watches.push(watchDevice(context));
    }
    const [fastPhone, slowPhone, deskLaptop] = contexts;
    if (!fastPhone || !slowPhone || !deskLaptop) throw new Error("three devices");
    fast = new ParticipantPage(await fastPhone.newPage(), server.url);
    slow = new ParticipantPage(await slowPhone.newPage(), server.url);
    desk = new DeskPage(await deskLaptop.newPage(), server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (clockDir) await rm(clockDir, { recursive: true, force: true });
  });

  it("the desk's line shows them in the order they really came", async () => {
    for (const p of [fast, slow]) {
      await p.joinByLink(server.eventId, server.codes.participantCode);
      await p.register(KABAG_ORGANISASI);
    }
    first = await noted("first taken", async () =>
      (await fast.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text)).waitForNumber(),
    );
    second = await noted("second taken", async () =>
      (await slow.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text)).waitForNumber(),
    );

    await desk.open();
    await desk.signIn(server.eventId, "K1", server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine(second);
    await desk.waitForInLine(first);
    expect(await desk.lineNumbers()).toEqual([first, second]);
  });

  it("the desk's waiting and running minutes are the true ones, though its own clock is 3 hours ahead", async () => {
    await pass(20 * MINUTE);
    await synced();
    took.set("line read", [trueNow(), trueNow()]);
    const waited = trueMinutes("first taken", "line read");
    // the line renews its minutes every 30 s: move on once, so it shows them after the jump
    await pass(MINUTE);
    await synced();
    await expect.poll(async () => Math.min(...minutesIn(await desk.waitedTexts()))).toBeGreaterThanOrEqual(Math.floor(waited[0]));
    for (const shown of minutesIn(await desk.waitedTexts())) {
      // whole minutes, rounded down, read within the minute moved on after the reading
      expect(shown).toBeGreaterThanOrEqual(Math.floor(waited[0]));
      expect(shown).toBeLessThanOrEqual(Math.ceil(waited[1]) + 1);
    }

    await noted("first called", () => desk.callNext());
    await noted("first started", () => desk.startConsultation());
    await pass(15 * MINUTE);
    await synced();
    await expect.poll(async () => minutesIn([await desk.runningText()])[0] ?? -1).toBeGreaterThanOrEqual(15);
    expect(minutesIn([await desk.runningText()])[0]).toBeLessThanOrEqual(16);
    await noted("first closed", () => desk.closeWithOutcome("answered", QUESTION_SOTK.topic, "Sudah dijelaskan."));

    await noted("second called", () => desk.callNext());
    await noted("second started", () => desk.startConsultation());
    await pass(11 * MINUTE);
    await synced();
    await noted("second closed", () => desk.closeWithOutcome("answered", QUESTION_SOTK.topic, "Sudah dijelaskan."));
    await desk.waitUntilSynced();
  });

  it("the report's waiting and service minutes are the true ones", async () => {
    // a laptop with a right clock: the report is made of stamps, whoever reads it
    const laptop = await newDevice(browser, { viewport: LAPTOP });
    watches.push(watchDevice(laptop));
    const admin = new AdminPage(await laptop.newPage(), server.url);
    await admin.open();
    await admin.signIn(server.eventId, server.codes.organizerCode);
    await admin.reportRowFor(second).waitFor();
    const mean = (a: readonly [number, number], b: readonly [number, number]) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const wait = mean(trueMinutes("first taken", "first called"), trueMinutes("second taken", "second called"));
    const service = mean(trueMinutes("first started", "first closed"), trueMinutes("second started", "second closed"));
    await expect.poll(() => admin.domainMinutes("K")).not.toBeNull();
    const shown = await admin.domainMinutes("K");
    // the report rounds minutes of 10 and more to whole ones
    expect(shown?.avgWait).toBeGreaterThanOrEqual((wait[0] ?? 0) - 0.5);
    expect(shown?.avgWait).toBeLessThanOrEqual((wait[1] ?? 0) + 0.5);
    expect(shown?.avgService).toBeGreaterThanOrEqual((service[0] ?? 0) - 0.5);
    expect(shown?.avgService).toBeLessThanOrEqual((service[1] ?? 0) + 0.5);
  });

  it("nothing went wrong on any device", () => {
    for (const w of watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});

/** The whole minutes in texts like "menunggu 20 mnt" ("baru datang" is 0). */
function minutesIn(texts: readonly string[]): number[] {
  return texts.map((t) => Number(/(\d+)\s*mnt/.exec(t)?.[1] ?? 0));
}
