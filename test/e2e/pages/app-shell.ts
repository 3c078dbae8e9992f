import type { Locator, Page, Response } from "playwright-core";

/**
 * What every surface shares: the app shell, its update prompt, the language
 * switch and the page's own state (service worker, a marker that tells whether
 * the page reloaded). Surfaces extend it; specs never hold a selector.
 */
export abstract class AppShell {
  readonly page: Page;
  readonly baseUrl: string;
  readonly path: string;
  /** the surface's own root: proves its route chunk rendered, not a fallback */
  readonly root: Locator;
  readonly updateBanner: Locator;
  readonly updateApply: Locator;
  readonly updateLater: Locator;

  constructor(page: Page, baseUrl: string, path: string, root: string | Locator) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.path = path;
    this.root = typeof root === "string" ? page.getByTestId(root) : root;
    this.updateBanner = page.getByTestId("update-banner");
    this.updateApply = page.getByTestId("update-apply");
    this.updateLater = page.getByTestId("update-later");
  }

  get url(): string {
    return `${this.baseUrl}${this.path}`;
  }

  /** Opens the surface (by address, as from a bookmark or the home screen) and waits until it shows. */
  async open(query = ""): Promise<Response | null> {
    const response = await this.page.goto(`${this.url}${query}`);
    await this.root.waitFor();
    return response;
  }

  async reload(): Promise<Response | null> {
    const response = await this.page.reload();
    await this.root.waitFor();
    return response;
  }

  /** The language switch's buttons (ID, EN) as laid out: what they show, and their size in CSS pixels. */
  async languageButtons(): Promise<{ shown: string; width: number; height: number }[]> {
    const out = [];
    for (const button of await this.page.getByTestId("language-switch").getByRole("button").all()) {
      const box = await button.boundingBox();
      // what the eye sees: the text without the part kept for screen readers only
      const shown = await button.evaluate((b) => {
        const copy = b.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll(".visually-hidden")) hidden.remove();
        return (copy.textContent ?? "").trim();
      });
      out.push({ shown, width: box?.width ?? 0, height: box?.height ?? 0 });
    }
    return out;
  }

  /** Waits until `text` shows on the screen, as text. */
  async waitForText(text: string): Promise<void> {
    await this.page.getByText(text, { exact: false }).first().waitFor();
  }

  /** How many elements show `text`. */
  async textCount(text: string): Promise<number> {
    return this.page.getByText(text, { exact: false }).count();
  }

  /** Elements a hostile `<img src=x onerror=…>` would have created, had it been rendered as markup. */
  async injectedElements(): Promise<number> {
    return this.page.locator('img[src="x"], [onerror]').count();
  }

  /** Leaves a mark in the page's memory: gone after any reload. */
  async markPage(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __marker?: number }).__marker = 1;
    });
  }

  async pageWasReloaded(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __marker?: number }).__marker !== 1);
  }

  /** What a returning user does: the app becomes visible again (it then looks for a new version). */
  async becomeVisible(): Promise<void> {
    await this.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  }

  async acceptUpdate(): Promise<void> {
    await this.updateApply.click();
  }

  /** The build marker a spec put into a second build's index.html (see harness/builds.ts), or null. */
  async servedBuild(): Promise<string | null> {
    return this.page
      .locator('meta[name="loket-e2e-build"]')
      .getAttribute("content", { timeout: 1000 })
      .catch(() => null);
  }

  /** True when a new service worker has installed and waits to take over. */
  async updateWaiting(): Promise<boolean> {
    return this.page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
  }

  /** Everything the device keeps in IndexedDB (every store of every database), as one JSON text: to look for personal data. */
  async storedText(): Promise<string> {
    return this.page.evaluate(async () => {
      const read = (req: IDBRequest) =>
        new Promise<unknown>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const out: unknown[] = [];
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = (await read(indexedDB.open(info.name))) as IDBDatabase;
        for (const name of [...db.objectStoreNames]) {
          out.push(await read(db.transaction(name).objectStore(name).getAll()));
        }
        db.close();
      }
      return JSON.stringify(out);
    });
  }

  /** The script URL of the service worker that controls this page, or null. */
  async controllingWorker(): Promise<string | null> {
    return this.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
  }

  /**
   * Waits until the sync badge shows `phase` ("idle": up to date and hearing the
   * server; "offline": not hearing it), at most `timeoutMs`.
   */
  async waitForSyncPhase(phase: string, timeoutMs?: number): Promise<void> {
    await this.page
      .getByTestId("sync-badge")
      .and(this.page.locator(`[data-phase="${phase}"]`))
      .waitFor(timeoutMs === undefined ? {} : { timeout: timeoutMs });
  }

  /** The sync badge's words, as the user reads them. */
  async syncBadgeText(): Promise<string> {
    return ((await this.page.getByTestId("sync-badge").textContent()) ?? "").replace(/\s+/g, " ");
  }
}
