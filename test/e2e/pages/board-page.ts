import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/** The display board on the venue's TV (`/board`): now serving per desk, last calls, lines. */
export class BoardPage extends AppShell {
  readonly joinNotice: Locator;
  readonly desks: Locator;
  readonly lastCalls: Locator;
  readonly offlineNotice: Locator;
  readonly lastUpdate: Locator;

  constructor(page: Page, baseUrl: string) {
    // the board app: its join notice, or the board itself
    super(page, baseUrl, "/board", page.getByTestId("board-join").or(page.getByTestId("board-desks")));
    this.joinNotice = page.getByTestId("board-join");
    this.desks = page.getByTestId("board-desks");
    this.lastCalls = page.getByTestId("board-call");
    this.offlineNotice = page.getByTestId("board-offline");
    this.lastUpdate = page.getByTestId("board-updated");
  }

  /** Opens the board's link (it signs in with the event's participant code: public view only). */
  async openForEvent(eventId: string, code: string): Promise<void> {
    await this.open(`?event=${encodeURIComponent(eventId)}&code=${encodeURIComponent(code)}`);
    await this.desks.waitFor();
  }

  /** What a desk's tile says it is serving (a number such as K-001, or "free"). */
  nowServing(deskId: string): Locator {
    return this.page.getByTestId(`board-desk-${deskId}`).getByTestId("board-desk-number");
  }

  /** How many wait in a domain's line. */
  async lineLengthOf(domain: string): Promise<number> {
    const text = await this.page.getByTestId(`board-line-${domain}`).getByTestId("board-line-waiting").textContent();
    return Number((text ?? "").replace(/\D/g, ""));
  }

  /** Waits until the board has synced with the server once (its live stream is then open). */
  async waitUntilLive(): Promise<void> {
    await this.lastUpdate.waitFor();
  }

  /**
   * Starts a clock in the page that records (wall clock, ms) the moment
   * `deskId`'s tile first shows `number`. Read it with shownAt(). Measured in
   * the page, so the spec's own round trips do not count.
   */
  async watchForCall(deskId: string, number: string): Promise<void> {
    await this.page.getByTestId(`board-desk-${deskId}`).evaluate((tile, n) => {
      const w = window as unknown as { __shownAt?: number };
      w.__shownAt = undefined;
      const check = () => {
        const shown = tile.querySelector('[data-testid="board-desk-number"]')?.textContent ?? "";
        if (w.__shownAt === undefined && shown.includes(n)) w.__shownAt = Date.now();
      };
      new MutationObserver(check).observe(tile, { childList: true, subtree: true, characterData: true });
      check();
    }, number);
  }

  /** Wall-clock ms at which the watched call appeared, or undefined. */
  async shownAt(): Promise<number | undefined> {
    return this.page.evaluate(() => (window as unknown as { __shownAt?: number }).__shownAt);
  }
}
