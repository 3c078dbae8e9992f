import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/** The organizer's screen (`/admin`): sign in, the day's report. */
export class AdminPage extends AppShell {
  readonly passcodeInput: Locator;
  readonly signInSubmit: Locator;
  readonly report: Locator;
  readonly reportRows: Locator;
  readonly skmResponses: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl, "/admin", "admin-page");
    this.passcodeInput = page.getByTestId("admin-passcode");
    this.signInSubmit = page.getByTestId("admin-signin-submit");
    this.report = page.getByTestId("report");
    this.reportRows = page.getByTestId("report-row");
    this.skmResponses = page.getByTestId("skm-responses");
  }

  async signIn(passcode: string): Promise<void> {
    await this.passcodeInput.fill(passcode);
    await this.signInSubmit.click();
    await this.report.waitFor();
  }

  /** How many SKM survey answers the report counts. */
  async surveyResponses(): Promise<number> {
    return Number(((await this.skmResponses.textContent()) ?? "").replace(/\D/g, ""));
  }

  reportRowFor(number: string): Locator {
    return this.reportRows.filter({ hasText: number });
  }
}
