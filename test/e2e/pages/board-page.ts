import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/** The display board on the venue's TV (`/board`): now serving per desk, last calls, lines. */
export class BoardPage extends AppShell {
  readonly lastCalls: Locator;
  readonly offlineSince: Locator;
  readonly syncBadge: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl, "/board", "board-page");
    this.lastCalls = page.getByTestId("board-last-call");
    this.offlineSince = page.getByTestId("offline-since");
    this.syncBadge = page.getByTestId("sync-badge");
  }

  async openForEvent(eventId: string, code: string): Promise<void> {
    await this.open(`?event=${encodeURIComponent(eventId)}&code=${encodeURIComponent(code)}`);
  }

  /** What a desk's tile says it is serving (a number such as K-001, or empty). */
  nowServing(deskId: string): Locator {
    return this.page.getByTestId(`board-desk-${deskId}`).getByTestId("board-now-serving");
  }

  lineLength(domain: string): Locator {
    return this.page.getByTestId(`board-domain-${domain}`).getByTestId("board-line-length");
  }

  async lineLengthOf(domain: string): Promise<number> {
    return Number(((await this.lineLength(domain).textContent()) ?? "").replace(/\D/g, ""));
  }

  /** Waits until the board is in sync with the server (and so on its live stream). */
  async waitUntilLive(): Promise<void> {
    await this.syncBadge.and(this.page.locator('[data-phase="idle"]')).waitFor();
  }

  /**
   * Starts a clock in the page that records (with performance.now() and the
   * wall clock) the moment `deskId`'s tile first shows `number`. Read it with
   * shownAt(). Measured in the page, so the spec's own latency does not count.
   */
  async watchForCall(deskId: string, number: string): Promise<void> {
    await this.nowServing(deskId).evaluate((el, n) => {
      const w = window as unknown as { __shownAt?: number };
      w.__shownAt = undefined;
      const check = () => {
        if (w.__shownAt === undefined && el.textContent?.includes(n)) w.__shownAt = Date.now();
      };
      new MutationObserver(check).observe(el, { childList: true, subtree: true, characterData: true });
      check();
    }, number);
  }

  /** Wall-clock ms at which the watched call appeared, or undefined. */
  async shownAt(): Promise<number | undefined> {
    return this.page.evaluate(() => (window as unknown as { __shownAt?: number }).__shownAt);
  }
}
