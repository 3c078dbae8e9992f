import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, KASUBBAG_KINERJA, QUESTION_SAKIP, QUESTION_SOTK } from "./fixtures.ts";
import { LAPTOP, offline, PHONE } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { DeskPage } from "./pages/desk-page.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 13, the desk at the venue: what the officer types is never dropped,
 * an offline desk says its line may be stale and hears once, plainly, who has
 * a ticket it called twice over, and walk-ins get numbers from the desk's own
 * range that can be called out and printed at once, online or offline, and
 * never change.
 */
describe("the desk at the venue", () => {
  const venue = clinic(PHONE, PHONE, LAPTOP, LAPTOP);
  let ayu: ParticipantPage;
  let nurul: ParticipantPage;
  let k1: DeskPage;
  let k2: DeskPage;

  beforeAll(async () => {
    const [phone1, phone2, desk1, desk2] = venue.devices;
    ayu = new ParticipantPage(await phone1.newPage(), venue.server.url);
    nurul = new ParticipantPage(await phone2.newPage(), venue.server.url);
    k1 = new DeskPage(await desk1.newPage(), venue.server.url);
    k2 = new DeskPage(await desk2.newPage(), venue.server.url);
    for (const [desk, id] of [
      [k1, "K1"],
      [k2, "K2"],
    ] as const) {
      await desk.open();
      await desk.signIn(venue.server.eventId, id, venue.server.codes.deskCodes[id] ?? "");
    }
    await ayu.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await ayu.register(KABAG_ORGANISASI);
    await nurul.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await nurul.register(KASUBBAG_KINERJA);
  });

  it("a note typed but not saved is saved with the close", async () => {
    const ticket = await ayu.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    const number = await ticket.waitForNumber();
    await k1.waitForInLine(number);
    await k1.callTicket(number);
    await k1.startConsultation();
    const note = "Pemda menyiapkan peta jabatan sebelum penyetaraan";
    await k1.typeNote(note);
    await k1.closeWithOutcome("answered", QUESTION_SOTK.topic, "Ikuti Permenpan RB 17/2021.");
    expect(await k1.storedText()).toContain(note);
    await k1.waitUntilSynced();
  });

  it("offline, the line says since when it is stale; back online, one call race gives one plain notice", async () => {
    const ticket = await nurul.takeTicket("K", QUESTION_SAKIP.topic, QUESTION_SAKIP.text);
    const number = await ticket.waitForNumber();
    await k1.waitForInLine(number);
    await k2.waitForInLine(number);
    expect(await k2.lineStaleText()).toBe("");

    await offline(venue.devices[3], true);
    await expect.poll(() => k2.lineStaleText()).toMatch(/belum diperbarui sejak pukul \d{2}\.\d{2} WITA/);
    expect(await k2.lineStaleText()).toContain("Meja lain mungkin sudah memanggil");

    // K1 calls; K2, offline, calls the same ticket and calls it again
    await k1.callTicket(number);
    await k1.waitUntilSynced();
    await k2.callTicket(number);
    await k2.recall();

    await offline(venue.devices[3], false);
    await k2.waitUntilSynced();
    await k2.conflictAbout(number).waitFor();
    expect(await k2.conflictAbout(number).count()).toBe(1);
    expect(await k2.conflictAbout(number).textContent()).toContain("ditangani Meja K1");
    expect(await k2.conflictHolderTable(number)).toBe(1);
    expect(await k2.lineStaleText()).toBe("");
    expect(await k1.conflictAbout(number).count()).toBe(0);
    await k1.startConsultation();
    await k1.closeWithOutcome("answered", QUESTION_SAKIP.topic, "Perbaiki indikator kinerja utama.");
  });

  it("walk-ins get the desk's own numbers, offline too; they never change, and the phones' numbers do not jump", async () => {
    // reserved automatically after a sync, without asking
    await k1.openWalkIn();
    await expect.poll(() => k1.reservedNumbersLeft()).toBeGreaterThanOrEqual(10);
    // the dialog opens from the desk's head: no scrolling past the line
    const open = await k1.walkInOpenButton.boundingBox();
    expect(open && open.y + open.height).toBeLessThan(LAPTOP.height);

    // with a profile: the region is not kept for the next walk-in
    const first = await k1.createWalkIn({
      name: "Ni Ketut Sri",
      position: "Analis Kebijakan",
      institution: "Bagian Organisasi Setda Kabupaten Gianyar",
      region: "Kab. Gianyar",
      topic: "Analisis jabatan",
    });
    expect(first).toBe("K-1001");
    expect(await k1.walkInRegionValue()).toBe("");

    // offline, only a number: no question asked
    await offline(venue.devices[2], true);
    const second = await k1.createWalkIn();
    expect(second).toBe("K-1002");
    const slip = await k1.printSlip();
    expect(slip.printed).toBe(true);
    // fits a 58 mm receipt roll (58 mm = 219 CSS px) and prints alone
    expect(slip.width).toBeGreaterThan(100);
    expect(slip.width).toBeLessThanOrEqual(219);
    expect(slip.alsoPrinted).toBe(0);
    await k1.closeWalkIn();
    await k1.waitForInLine("K-1002");

    // back online: the server confirms both as they were shown
    await offline(venue.devices[2], false);
    await k1.waitUntilSynced();
    await k1.syncRound();
    await k1.waitForInLine("K-1001");
    await k1.waitForInLine("K-1002");
    // the next phone ticket follows the phones' own numbers (K-003 after K-001, K-002)
    const next = await ayu.takeTicket("K", QUESTION_SAKIP.topic, QUESTION_SAKIP.text);
    expect(await next.waitForNumber()).toBe("K-003");
  });

  it("a long line: find by number or name, each wait shown, the consultation's running time, shortcuts that say why not", async () => {
    expect(await k1.shownNumbers()).toEqual(["K-1001", "K-1002", "K-003"]);
    expect(await k1.searchLine("sri")).toEqual(["K-1001"]);
    expect(await k1.searchLine("3")).toEqual(["K-003"]);
    expect(await k1.searchLine("")).toEqual(["K-1001", "K-1002", "K-003"]);
    for (const w of await k1.waitedTexts()) expect(w).toMatch(/^(baru datang|menunggu \d+ mnt)$/);
    // nothing called: "S" (start) says why it does nothing
    expect(await k1.pressShortcut("s")).toBe("Belum ada tiket yang dipanggil meja ini.");
    await k1.callTicket("K-003");
    await k1.startConsultation();
    expect(await k1.runningText()).toMatch(/^berjalan \d+ mnt$/);
    expect(await k1.pressShortcut("r")).toBe("Konsultasi sudah berjalan: simpan hasil dan selesai dulu.");
  });

  it("nothing went wrong on any device", () => {
    for (const w of venue.watches) {
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    }
  });
});
