import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  LAPTOP,
  launchBrowser,
  newDevice,
  type PageWatch,
  PHONE,
  waitForServiceWorker,
  watchDevice,
} from "../test/e2e/harness/browser.ts";
import { copyBuild, DEFAULT_DIST, ROOT, type RunningServer, startServer } from "../test/e2e/harness/server.ts";
import { AdminPage } from "../test/e2e/pages/admin-page.ts";
import { BoardPage } from "../test/e2e/pages/board-page.ts";
import { DeskPage } from "../test/e2e/pages/desk-page.ts";
import { ParticipantPage, type Profile } from "../test/e2e/pages/participant-page.ts";

/**
 * The README's screenshots (`npx tsx scripts/screenshots.ts`): a short clinic
 * morning played with the end-to-end harness — the real server on a temp data
 * folder, real Chromium, the page objects of test/e2e/pages — and each surface
 * photographed in a realistic state into docs/screenshots/:
 *
 * - participant-register.png: a phone's registration form, filled in;
 * - participant-ticket.png: the same phone's ticket once desk K1 called it;
 * - desk.png: desk K1 in a consultation, a note written, two more in line;
 * - board.png: the venue's board showing the call;
 * - admin-report.png: the organizer's report after two consultations and one survey.
 *
 * Serves a copy of dist/ (built with `npx vite build` when missing), so that a
 * rebuild during the run changes nothing. Exits 1 if a step fails or a page
 * logged an error; the server and the browser are stopped either way.
 */

const OUT = join(ROOT, "docs", "screenshots");
const BOARD_VIEWPORT = { width: 1280, height: 720 } as const;
const ADMIN_VIEWPORT = { width: 1280, height: 900 } as const;
const MAX_BYTES = 300 * 1024;

const MADE: Profile = {
  name: "I Made Sudarsana",
  position: "Kepala Bagian Organisasi",
  institution: "Sekretariat Daerah Kabupaten Gianyar",
  region: "Kabupaten Gianyar",
  phone: "+62 812 3874 2051",
};
const MADE_QUESTION = {
  topic: "Penataan SOTK setelah penyetaraan jabatan",
  text: "Setelah 38 jabatan administrasi disetarakan ke jabatan fungsional, bagaimana menata ulang subbagian di perangkat daerah agar tugasnya tidak tumpang tindih dengan para pejabat fungsional?",
};

const BAIQ: Profile = {
  name: "Baiq Nurul Hidayati",
  position: "Kepala Subbagian Kinerja",
  institution: "Bagian Organisasi Setda Kota Mataram",
  region: "Kota Mataram",
};
const BAIQ_QUESTION = {
  topic: "Peta proses bisnis",
  text: "Bagaimana menyusun peta proses bisnis lintas perangkat daerah, dan siapa yang sebaiknya menetapkannya?",
};

const MARIA: Profile = {
  name: "Maria Yasinta Bota",
  position: "Analis Kelembagaan Ahli Muda",
  institution: "Bagian Organisasi Setda Kabupaten Sikka",
  region: "Kabupaten Sikka",
};
const MARIA_QUESTION = {
  topic: "Analisis jabatan dan beban kerja",
  text: "Dua dinas kami digabung tahun ini. Bagaimana memutakhirkan anjab dan ABK tanpa mengulang dari awal?",
};

const NOTE = "Sudah 38 jabatan disetarakan; Bagian Organisasi masih 3 subbagian dengan tugas yang beririsan.";
const MADE_ADVICE =
  "Petakan ulang proses bisnis Bagian Organisasi, lalu usulkan perampingan menjadi 2 subbagian; tugas analisis dialihkan ke kelompok jabatan fungsional.";
const FOLLOW_UP = {
  what: "Kirim draf perubahan perbup SOTK Bagian Organisasi untuk ditelaah",
  who: "Bagian Organisasi Setda Kabupaten Gianyar",
  due: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
};
const BAIQ_ADVICE =
  "Mulai dari peta proses bisnis level 0 untuk seluruh pemerintah daerah, ditetapkan dengan peraturan wali kota.";

function ensureBuild(): void {
  if (existsSync(join(DEFAULT_DIST, "index.html"))) return;
  console.log("screenshots: no build in dist/, running `npx vite build`");
  execFileSync("npx", ["vite", "build"], { cwd: ROOT, stdio: "inherit" });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A device's first visit: waits until the service worker controls the page (the
 * app is then cached) and dismisses the one-time "ready offline" notice, as a
 * first-time user does, so that it does not cover the screenshots.
 */
async function settle(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  const offlineReady = page.getByTestId("offline-ready");
  const shown = await offlineReady
    .waitFor({ timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  if (!shown) return;
  await offlineReady.getByRole("button").click();
  await offlineReady.waitFor({ state: "hidden" });
}

async function shoot(page: Page, name: string): Promise<void> {
  if (await page.getByTestId("offline-ready").isVisible()) throw new Error(`the offline-ready notice covers ${name}`);
  // the shot shows the surface from its top
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  // let transitions and fonts settle; the clip is the viewport, never the full page
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  const file = join(OUT, name);
  await page.screenshot({ path: file, type: "png", fullPage: false, animations: "disabled", caret: "hide" });
  const { size } = await stat(file);
  console.log(`screenshots: ${name} (${Math.round(size / 1024)} KB)`);
  if (size > MAX_BYTES) console.warn(`screenshots: ${name} is over ${MAX_BYTES / 1024} KB`);
}

async function phoneOf(browser: Browser, server: RunningServer, watches: PageWatch[]): Promise<ParticipantPage> {
  const device = await newDevice(browser, { viewport: PHONE });
  watches.push(watchDevice(device));
  const participant = new ParticipantPage(await device.newPage(), server.url);
  await participant.joinByLink(server.eventId, server.codes.participantCode);
  await settle(participant.page);
  await participant.root.waitFor();
  return participant;
}

async function main(): Promise<void> {
  ensureBuild();
  await mkdir(OUT, { recursive: true });
  const distDir = await copyBuild();
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const watches: PageWatch[] = [];
  try {
    server = await startServer({ distDir });
    browser = await launchBrowser();

    // the board on the venue's TV, open from the start
    const tv = await newDevice(browser, { viewport: BOARD_VIEWPORT });
    watches.push(watchDevice(tv));
    const board = new BoardPage(await tv.newPage(), server.url);
    await board.openForEvent(server.eventId, server.codes.participantCode);
    await settle(board.page);
    await board.desks.waitFor();
    await board.waitUntilLive();

    // I Made registers (photographed filled in) and lines up at K and S with one question
    const made = await phoneOf(browser, server, watches);
    await made.registerForm.waitFor();
    await made.nameInput.fill(MADE.name);
    await made.positionInput.fill(MADE.position);
    await made.institutionInput.fill(MADE.institution);
    await made.regionSelect.selectOption({ label: MADE.region });
    if (MADE.phone) await made.phoneInput.fill(MADE.phone);
    await made.consentCheckbox.check();
    await shoot(made.page, "participant-register.png");
    await made.registerSubmit.click();
    await made.registerForm.waitFor({ state: "hidden" });
    await made.takeTicket(["K", "S"], MADE_QUESTION.topic, MADE_QUESTION.text);
    const madeK = await made.ticketFor("K");
    const madeS = await made.ticketFor("S");
    await madeK.waitForNumber();
    await madeS.waitForNumber();
    await made.waitUntilSynced();

    // two more participants line up behind him
    const baiq = await phoneOf(browser, server, watches);
    await baiq.register(BAIQ);
    await baiq.takeTicket("K", BAIQ_QUESTION.topic, BAIQ_QUESTION.text);
    await (await baiq.ticketFor("K")).waitForNumber();
    await baiq.waitUntilSynced();

    const maria = await phoneOf(browser, server, watches);
    await maria.register(MARIA);
    await maria.takeTicket(["K", "S"], MARIA_QUESTION.topic, MARIA_QUESTION.text);
    await (await maria.ticketFor("K")).waitForNumber();
    await maria.waitUntilSynced();

    // desk K1 calls the first ticket and starts the consultation
    const laptop = await newDevice(browser, { viewport: LAPTOP });
    watches.push(watchDevice(laptop));
    const desk = new DeskPage(await laptop.newPage(), server.url);
    await desk.open();
    await settle(desk.page);
    await desk.signInForm.waitFor();
    await desk.signIn(server.eventId, "K1", server.codes.deskCodes.K1 ?? "");
    await desk.waitForInLine("K-001");
    await desk.waitForInLine("K-003");
    const first = await desk.callNext();
    await until(`the board to show ${first} at K1`, async () =>
      ((await board.nowServing("K1").textContent()) ?? "").includes(first),
    );
    await madeK.waitForState("called");
    await shoot(made.page, "participant-ticket.png");
    await shoot(board.page, "board.png");

    await desk.startConsultation();
    await desk.addNote(NOTE);
    await madeK.waitForState("serving");
    await shoot(desk.page, "desk.png");

    // two consultations closed, one survey answered
    await desk.outcomeForm.getByTestId("desk-outcome-followUp").check();
    await desk.page.getByTestId("desk-outcome-what").fill(FOLLOW_UP.what);
    await desk.page.getByTestId("desk-outcome-who").fill(FOLLOW_UP.who);
    await desk.page.getByTestId("desk-outcome-due").fill(FOLLOW_UP.due);
    await desk.closeWithOutcome("followUp", MADE_QUESTION.topic, MADE_ADVICE);
    await madeK.waitForState("done");
    await madeK.rate(4, "Narasumber menjelaskan dengan contoh dari daerah lain, sangat membantu.");
    await made.waitUntilSynced();

    await desk.waitForInLine("K-002");
    await desk.callTicket("K-002");
    await desk.logConsultation({
      notes: ["Belum ada peta proses bisnis level pemerintah daerah."],
      outcome: "answered",
      topic: BAIQ_QUESTION.topic,
      advice: BAIQ_ADVICE,
    });
    await until("the desk to sync", async () => (await desk.syncPhase()) === "idle" && !(await desk.pendingChanges.isVisible()));

    // the organizer's report
    const office = await newDevice(browser, { viewport: ADMIN_VIEWPORT });
    watches.push(watchDevice(office));
    const admin = new AdminPage(await office.newPage(), server.url);
    await admin.open();
    await settle(admin.page);
    await admin.signInForm.waitFor();
    await admin.signIn(server.eventId, server.codes.organizerCode);
    await admin.reportRowFor("K-002").waitFor();
    await until("the report to count the survey", async () => (await admin.surveyResponses()) === 1);
    await shoot(admin.page, "admin-report.png");

    const problems = watches.flatMap((w) => [...w.errors, ...w.dialogs]);
    if (problems.length > 0) {
      console.error(`screenshots: the pages reported problems:\n${problems.join("\n")}`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await rm(distDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
