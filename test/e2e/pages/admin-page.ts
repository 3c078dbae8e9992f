import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/** The organizer's screen (`/admin`): sign in, the day's report and its ticket log. */
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

  /** How many SKM survey answers the report counts. */
  async surveyResponses(): Promise<number> {
    return Number(((await this.skmResponses.textContent()) ?? "").replace(/\D/g, ""));
  }

  /** The report's line for a ticket, by its number. */
  reportRowFor(number: string): Locator {
    return this.reportRows.and(this.page.locator(`[data-number="${number}"]`));
  }
}
