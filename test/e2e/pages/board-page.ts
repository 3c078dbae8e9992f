import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/** The display board on the venue's TV (`/board`): now serving per desk, last calls, lines. */
export class BoardPage extends AppShell {
  readonly joinNotice: Locator;
  readonly desks: Locator;
  readonly lastCalls: Locator;
  readonly offlineNotice: Locator;
  readonly lastUpdate: Locator;
  readonly currentNumbers: Locator;
  readonly currentCalls: Locator;
  readonly soundButton: Locator;
  readonly announcement: Locator;

  constructor(page: Page, baseUrl: string) {
    // the board app: its join notice, or the board itself
    super(page, baseUrl, "/board", page.getByTestId("board-join").or(page.getByTestId("board-desks")));
    this.joinNotice = page.getByTestId("board-join");
    this.desks = page.getByTestId("board-desks");
    this.lastCalls = page.getByTestId("board-call");
    this.offlineNotice = page.getByTestId("board-offline");
    this.lastUpdate = page.getByTestId("board-updated");
    this.currentCalls = page.getByTestId("board-current-call");
    this.currentNumbers = page.getByTestId("board-current-number");
    this.soundButton = page.getByTestId("board-sound");
    this.announcement = page.getByTestId("board-announcement");
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

  /** The call shown in the large type for `number`, once it is there; its text ("K-001 silakan ke Meja K1"). */
  async currentCallText(number: string): Promise<string> {
    const call = this.currentCalls.filter({ has: this.currentNumbers.filter({ hasText: number }) });
    await call.waitFor();
    return ((await call.textContent()) ?? "").replace(/\s+/g, " ").trim();
  }

  /**
   * Takes a screenshot of the whole screen and measures, in it, the height in
   * screen pixels of the ink of the first current call's number (the rows
   * within its box that hold pixels of its colour): what a person across the
   * hall sees, whatever the font's line height.
   */
  async calledNumberInkHeight(): Promise<{ ink: number; screen: number }> {
    const png = await this.page.screenshot();
    const number = this.currentNumbers.first();
    const box = await number.boundingBox();
    if (!box) throw new Error("no current call on the board");
    const color = await number.evaluate((el) => getComputedStyle(el).color);
    return this.page.evaluate(
      async ({ b64, box, color }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext("2d");
        if (!g) throw new Error("no 2D canvas");
        g.drawImage(img, 0, 0);
        const scale = img.width / window.innerWidth;
        const x = Math.floor(box.x * scale);
        const y = Math.floor(box.y * scale);
        const w = Math.ceil(box.width * scale);
        const h = Math.ceil(box.height * scale);
        const data = g.getImageData(x, y, w, h).data;
        const [r0, g0, b0] = (color.match(/\d+/g) ?? ["0", "0", "0"]).map(Number);
        let top = -1;
        let bottom = -1;
        for (let row = 0; row < h; row++) {
          for (let col = 0; col < w; col++) {
            const i = (row * w + col) * 4;
            const d =
              Math.abs((data[i] ?? 0) - (r0 ?? 0)) +
              Math.abs((data[i + 1] ?? 0) - (g0 ?? 0)) +
              Math.abs((data[i + 2] ?? 0) - (b0 ?? 0));
            if (d < 60) {
              if (top < 0) top = row;
              bottom = row;
              break;
            }
          }
        }
        return { ink: top < 0 ? 0 : (bottom - top + 1) / scale, screen: img.height / scale };
      },
      { b64: png.toString("base64"), box, color },
    );
  }

  /** Whether anything meant for the staff shows: the sync box or the storage notice. */
  async staffThingsShown(): Promise<number> {
    return this.page.locator('[data-testid="sync-badge"], [data-testid="persist-notice"]').count();
  }

  async headingsOfLevelOne(): Promise<string[]> {
    return this.page.locator("h1").allTextContents();
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
