import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/**
 * The organizer's screen (`/admin`): sign in, the day's report and its ticket
 * log; the Setup tab's event forms, codes and purge; the overview's device sync table.
 */
export class AdminPage extends AppShell {
  readonly signInForm: Locator;
  readonly eventInput: Locator;
  readonly passcodeInput: Locator;
  readonly signInSubmit: Locator;
  readonly workspace: Locator;
  readonly reportTab: Locator;
  readonly report: Locator;
  readonly reportRows: Locator;
  readonly skmResponses: Locator;
  readonly setupTab: Locator;
  readonly overviewTab: Locator;
  readonly title: Locator;
  readonly deviceSyncRows: Locator;

  constructor(page: Page, baseUrl: string) {
    // the admin app: its sign-in form, or the signed-in organizer's screen
    super(page, baseUrl, "/admin", page.getByTestId("admin-signin-form").or(page.getByTestId("admin")));
    this.signInForm = page.getByTestId("admin-signin-form");
    this.eventInput = page.getByTestId("admin-signin-event");
    this.passcodeInput = page.getByTestId("admin-passcode");
    this.signInSubmit = page.getByTestId("admin-signin-submit");
    this.workspace = page.getByTestId("admin");
    this.reportTab = page.getByTestId("admin-tab-report");
    this.report = page.getByTestId("report");
    this.reportRows = page.getByTestId("report-row");
    this.skmResponses = page.getByTestId("skm-responses");
    this.setupTab = page.getByTestId("admin-tab-setup");
    this.overviewTab = page.getByTestId("admin-tab-overview");
    this.title = page.locator(".admin-head h1");
    this.deviceSyncRows = page.getByTestId("admin-device-sync-row");
  }

  async showSetup(): Promise<void> {
    await this.setupTab.click();
    await this.page.getByTestId("admin-setup").waitFor();
  }

  /** Leaves the Setup tab and comes back: it asks the server again for what it shows. */
  async reopenSetup(): Promise<void> {
    await this.overviewTab.click();
    await this.page.getByTestId("admin-setup").waitFor({ state: "detached" });
    await this.showSetup();
  }

  /** Edits the event on the server: its name and the desks of one domain; returns the form's answer. */
  async editEvent(change: { name?: string; desks?: Partial<Record<"K" | "S" | "A" | "P", number>> }): Promise<string> {
    if (change.name !== undefined) await this.page.getByTestId("admin-edit-name").fill(change.name);
    for (const [domain, n] of Object.entries(change.desks ?? {})) {
      await this.page.getByTestId(`admin-edit-desks-${domain}`).fill(String(n));
    }
    await this.page.getByTestId("admin-edit-submit").click();
    return this.messageOf("admin-edit-message");
  }

  /** The participant code the join poster carries ("" until known). */
  async posterJoinCode(): Promise<string> {
    const code = this.page.getByTestId("admin-join-code");
    await code.waitFor();
    return ((await code.textContent()) ?? "").trim();
  }

  /** The link the join poster's QR and caption carry. */
  async posterJoinUrl(): Promise<string> {
    return ((await this.page.getByTestId("admin-poster-join").locator(".poster-url").textContent()) ?? "").trim();
  }

  /** Waits until the Setup tab says the current join code cannot be fetched (offline). */
  async waitForJoinCodeUnknown(): Promise<void> {
    await this.page.getByTestId("admin-join-code-retry").waitFor();
  }

  /**
   * Presses "Cetak poster" with the browser's print dialog replaced by a counter;
   * returns whether the page asked to print, and the refusal shown if it did not.
   */
  async printPosters(): Promise<{ printed: boolean; refusal: string }> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __printed?: number };
      w.__printed = 0;
      window.print = () => {
        w.__printed = (w.__printed ?? 0) + 1;
      };
    });
    await this.page.getByTestId("admin-print-posters").click();
    const printed = await this.page.evaluate(() => ((window as unknown as { __printed?: number }).__printed ?? 0) > 0);
    const refusal = this.page.getByTestId("admin-print-refused");
    if (!printed) await refusal.waitFor();
    return { printed, refusal: printed ? "" : ((await refusal.textContent()) ?? "").trim() };
  }

  /** Which tab is open (overview, report, setup, …). */
  async openTab(): Promise<string> {
    const pressed = this.page.locator('.admin-tabs [aria-pressed="true"]');
    return ((await pressed.getAttribute("data-testid")) ?? "").replace("admin-tab-", "");
  }

  /**
   * Before signing in: records whether the "no event on this device" notice ever
   * shows (it must not flash while the event is being fetched online).
   */
  async watchForNoEventNotice(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __noEventSeen?: boolean };
      w.__noEventSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="admin-no-event"]')) w.__noEventSeen = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
  }

  async noEventNoticeSeen(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __noEventSeen?: boolean }).__noEventSeen === true);
  }

  /** Signs in and waits for the organizer's screen, whatever tab it opens on. */
  async signInOnly(eventId: string, passcode: string): Promise<void> {
    await this.eventInput.fill(eventId);
    await this.passcodeInput.fill(passcode);
    await this.signInSubmit.click();
    await this.workspace.waitFor();
  }

  /** Shows the event's codes and returns them by whose they are (participant, organizer, K1, …). */
  async codes(): Promise<Record<string, string>> {
    const show = this.page.getByTestId("admin-show-codes");
    if (await show.isVisible()) await show.click();
    const panel = this.page.getByTestId("admin-codes-panel");
    await panel.getByTestId("admin-code").first().waitFor();
    const out: Record<string, string> = {};
    for (const row of await panel.getByTestId("admin-code").all()) {
      const of = await row.getAttribute("data-code-of");
      if (of) out[of] = ((await row.locator('[data-field="code"]').textContent()) ?? "").trim();
    }
    return out;
  }

  async rotate(of: string): Promise<void> {
    await this.page.getByTestId("admin-codes-panel").locator(`[data-testid="admin-rotate"][data-code-of="${of}"]`).click();
    await this.page.getByTestId("admin-codes-message").waitFor();
  }

  /** Creates an event with the PANRB defaults; returns the form's answer. */
  async createEvent(e: { id: string; name: string; venue: string; startDate: string; endDate: string }): Promise<string> {
    for (const [k, v] of Object.entries(e)) await this.page.getByTestId(`admin-create-${k}`).fill(v);
    await this.page.getByTestId("admin-create-submit").click();
    return this.messageOf("admin-create-message");
  }

  /** Purges personal data after the event, typing the event id to confirm; returns the answer. */
  async purge(eventId: string): Promise<string> {
    await this.page.getByTestId("admin-purge-confirm").fill(eventId);
    await this.page.getByTestId("admin-purge-submit").click();
    return this.messageOf("admin-purge-message");
  }

  async showOverview(): Promise<void> {
    await this.overviewTab.click();
    await this.page.getByTestId("admin-overview").waitFor();
  }

  async showParticipants(): Promise<void> {
    await this.page.getByTestId("admin-tab-participants").click();
    await this.page.getByTestId("admin-participants").waitFor();
  }

  async searchParticipants(query: string): Promise<void> {
    await this.page.getByTestId("admin-participant-search").fill(query);
  }

  /** The participant list's rows, as their text. */
  async participantRows(): Promise<string[]> {
    return this.page.getByTestId("admin-participant-row").allTextContents();
  }

  /** Erases one listed participant's data, confirming; returns the message shown. */
  async eraseParticipant(name: string): Promise<string> {
    const row = this.page.getByTestId("admin-participant-row").filter({ hasText: name });
    await row.getByTestId("admin-erase").click();
    await row.getByTestId("admin-erase-confirm").click();
    return this.messageOf("admin-erase-message");
  }

  /** The device sync table's row of a desk's device (K1, …). */
  deviceSyncRowOf(deskId: string): Locator {
    return this.deviceSyncRows.filter({ has: this.page.locator("th", { hasText: deskId }) });
  }

  private async messageOf(testId: string): Promise<string> {
    const m = this.page.getByTestId(testId);
    await m.waitFor();
    return ((await m.textContent()) ?? "").trim();
  }

  async signIn(eventId: string, passcode: string): Promise<void> {
    await this.eventInput.fill(eventId);
    await this.passcodeInput.fill(passcode);
    await this.signInSubmit.click();
    await this.showReport();
  }

  async showReport(): Promise<void> {
    await this.workspace.waitFor();
    if (!(await this.report.isVisible())) await this.reportTab.click();
    await this.report.waitFor();
  }

  /** The report's SKM row (a domain code, or "overall") as shown: the mean per element number, and the IKM. */
  async skmRow(row: string): Promise<{ elements: Record<number, string>; ikm: string }> {
    const tr = this.page.locator(`[data-testid="admin-report-skm-row"][data-row="${row}"]`);
    const elements: Record<number, string> = {};
    for (const td of await tr.locator("td[data-element]").all()) {
      elements[Number(await td.getAttribute("data-element"))] = ((await td.textContent()) ?? "").trim();
    }
    return { elements, ikm: ((await tr.locator('[data-field="ikm"]').textContent()) ?? "").trim() };
  }

  /** A domain's mean waiting and service minutes in the report's table, as numbers; null while it shows none. */
  async domainMinutes(domain: string): Promise<{ avgWait: number; avgService: number } | null> {
    const cells = await this.page
      .locator(`[data-testid="admin-report-domains"] tr[data-domain="${domain}"] td`)
      .allTextContents();
    // columns: tickets, served, no-show, cancelled, mean wait, p90 wait, mean service, p90 service
    const read = (i: number) => Number((cells[i] ?? "").trim().replace(/\./g, "").replace(",", "."));
    const avgWait = read(4);
    const avgService = read(6);
    return Number.isFinite(avgWait) && Number.isFinite(avgService) && cells.length >= 8 ? { avgWait, avgService } : null;
  }

  /** The report's whole text, as printed. */
  async reportText(): Promise<string> {
    return ((await this.page.getByTestId("admin-report").textContent()) ?? "").replace(/\s+/g, " ");
  }

  /** How many SKM survey answers the report counts. */
  async surveyResponses(): Promise<number> {
    return Number(((await this.skmResponses.textContent()) ?? "").replace(/\D/g, ""));
  }

  /** The report's line for a ticket, by its number. */
  /** The report leaves personal data out by default; this shows it (names, institutions). */
  async showPersonalData(): Promise<void> {
    // uncheck() waits for the box and checks that its state really changed
    await this.page.getByTestId("admin-report-anonymous").uncheck();
  }

  reportRowFor(number: string): Locator {
    return this.reportRows.and(this.page.locator(`[data-number="${number}"]`));
  }
}
