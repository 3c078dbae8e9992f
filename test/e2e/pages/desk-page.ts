import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

export type OutcomeKind = "answered" | "followUp" | "referred";
export interface Consultation {
  notes: string[];
  outcome: OutcomeKind;
  topic: string;
  advice: string;
}

/** A desk at a clinic table (`/desk`): sign in, call from the domain's line, log the consultation. */
export class DeskPage extends AppShell {
  readonly signInForm: Locator;
  readonly eventInput: Locator;
  readonly domainSelect: Locator;
  readonly tableInput: Locator;
  readonly passcodeInput: Locator;
  readonly signInSubmit: Locator;
  readonly signInError: Locator;

  readonly workspace: Locator;
  readonly line: Locator;
  readonly lineItems: Locator;
  readonly callNextButton: Locator;

  readonly current: Locator;
  readonly currentNumber: Locator;
  readonly currentName: Locator;
  readonly currentQuestion: Locator;
  readonly noCurrent: Locator;
  readonly startButton: Locator;
  readonly noteInput: Locator;
  readonly saveNoteButton: Locator;
  readonly notes: Locator;
  readonly outcomeForm: Locator;
  readonly outcomeTopic: Locator;
  readonly outcomeAdvice: Locator;
  readonly closeButton: Locator;

  readonly recallButton: Locator;
  readonly lineStale: Locator;

  readonly walkInOpenButton: Locator;
  readonly walkInDialog: Locator;
  readonly reservedLeft: Locator;
  readonly walkInResult: Locator;
  readonly walkInSlip: Locator;
  readonly walkInSlipNumber: Locator;
  readonly walkInPrintButton: Locator;
  readonly walkInRegion: Locator;

  readonly conflicts: Locator;
  readonly scanFileInput: Locator;
  readonly scanResult: Locator;
  readonly syncBadge: Locator;
  readonly pendingChanges: Locator;

  constructor(page: Page, baseUrl: string) {
    // the desk app: its sign-in form, or the signed-in desk
    super(page, baseUrl, "/desk", page.getByTestId("desk-signin-form").or(page.getByTestId("desk")));
    this.signInForm = page.getByTestId("desk-signin-form");
    this.eventInput = page.getByTestId("desk-signin-event");
    this.domainSelect = page.getByTestId("desk-signin-domain");
    this.tableInput = page.getByTestId("desk-signin-table");
    this.passcodeInput = page.getByTestId("desk-signin-code");
    this.signInSubmit = page.getByTestId("desk-signin-submit");
    this.signInError = page.getByTestId("desk-signin-error");

    this.workspace = page.getByTestId("desk");
    this.line = page.getByTestId("desk-line");
    this.lineItems = this.line.getByTestId("desk-line-item");
    this.callNextButton = page.getByTestId("desk-call-next");

    this.current = page.getByTestId("desk-current");
    this.currentNumber = this.current.getByTestId("desk-current-number");
    this.currentName = this.current.getByTestId("desk-current-name");
    this.currentQuestion = this.current.getByTestId("desk-current-question");
    this.noCurrent = page.getByTestId("desk-no-current");
    this.startButton = page.getByTestId("desk-start");
    this.noteInput = page.getByTestId("desk-note-input");
    this.saveNoteButton = page.getByTestId("desk-save-note");
    this.notes = page.getByTestId("desk-notes").locator("li");
    this.outcomeForm = page.getByTestId("desk-outcome-form");
    this.outcomeTopic = page.getByTestId("desk-outcome-topic");
    this.outcomeAdvice = page.getByTestId("desk-outcome-advice");
    this.closeButton = page.getByTestId("desk-close-ticket");

    this.recallButton = page.getByTestId("desk-recall");
    this.lineStale = page.getByTestId("desk-line-stale");

    this.walkInOpenButton = page.getByTestId("desk-walk-in-open");
    this.walkInDialog = page.getByTestId("desk-walk-in");
    this.reservedLeft = page.getByTestId("desk-reserved-left");
    this.walkInResult = page.getByTestId("desk-walk-in-result");
    this.walkInSlip = page.getByTestId("desk-walk-in-slip");
    this.walkInSlipNumber = page.getByTestId("desk-walk-in-slip-number");
    this.walkInPrintButton = page.getByTestId("desk-walk-in-print");
    this.walkInRegion = page.getByTestId("desk-walk-in-region");

    this.conflicts = page.getByTestId("desk-conflict");
    this.scanFileInput = page.getByTestId("desk-scan-file");
    this.scanResult = page.getByTestId("desk-scan-result");
    this.syncBadge = page.getByTestId("sync-badge");
    this.pendingChanges = page.getByTestId("desk-pending");
  }

  /** Signs in to a desk (K1 = domain K, table 1) with the desk passcode. */
  async signIn(eventId: string, deskId: string, passcode: string): Promise<void> {
    await this.eventInput.fill(eventId);
    await this.domainSelect.selectOption(deskId.slice(0, 1));
    await this.tableInput.fill(deskId.slice(1));
    await this.passcodeInput.fill(passcode);
    await this.signInSubmit.click();
    await this.workspace.waitFor();
  }

  /** Signs in from a sign-in link that carries the passcode (`?event=&desk=&code=`): the form is filled in. */
  async signInFromLink(eventId: string, deskId: string, passcode: string): Promise<void> {
    await this.open(`?event=${encodeURIComponent(eventId)}&desk=${deskId}&code=${encodeURIComponent(passcode)}`);
    await this.signInSubmit.click();
    await this.workspace.waitFor();
  }

  /** A ticket in this desk's line, by its number (K-001) or provisional code (K·7F3A). */
  lineItem(number: string): Locator {
    return this.lineItems.and(this.page.locator(`[data-number="${number}"]`));
  }

  /** The numbers in this desk's line, in the order shown. */
  async lineNumbers(): Promise<string[]> {
    return this.lineItems.evaluateAll((items) => items.map((i) => i.getAttribute("data-number") ?? ""));
  }

  async waitForInLine(number: string): Promise<void> {
    await this.lineItem(number).waitFor();
  }

  /** The number of the ticket this desk is serving, or "" when none. */
  async currentNumberText(): Promise<string> {
    if (!(await this.current.isVisible())) return "";
    return ((await this.currentNumber.textContent()) ?? "").trim();
  }

  /** The question of the ticket this desk holds, as the desk shows it. */
  async currentQuestionText(): Promise<string> {
    return ((await this.currentQuestion.textContent()) ?? "").trim();
  }

  /** The participant's edit made after the consultation began, kept aside beside the question ("" when none). */
  async lateEditText(): Promise<string> {
    const notice = this.page.getByTestId("desk-late-edit");
    if ((await notice.count()) === 0) return "";
    return ((await notice.first().textContent()) ?? "").trim();
  }

  /** Calls the next ticket in line; returns its number. */
  async callNext(): Promise<string> {
    const next = ((await this.lineItems.first().getAttribute("data-number")) ?? "").trim();
    await this.callNextButton.click();
    await this.currentIs(next, "called");
    return this.currentNumberText();
  }

  async callTicket(number: string): Promise<void> {
    await this.lineItem(number).getByTestId("desk-call-ticket").click();
    await this.currentIs(number, "called");
  }

  private async currentIs(number: string, status: "called" | "serving"): Promise<void> {
    await this.current
      .and(this.page.locator(`[data-status="${status}"]`))
      .filter({ has: this.page.getByTestId("desk-current-number").filter({ hasText: number }) })
      .waitFor();
  }

  /** The ticket at the table, by its id: its number may change meanwhile (a provisional code confirmed by the server). */
  private currentTicketId(): Promise<string | null> {
    return this.current.getAttribute("data-ticket-id");
  }

  async startConsultation(): Promise<void> {
    const id = await this.currentTicketId();
    await this.startButton.click();
    await this.page.locator(`[data-testid="desk-current"][data-status="serving"][data-ticket-id="${id}"]`).waitFor();
  }

  /** Calls the current ticket again (the "Panggil ulang" button). */
  async recall(): Promise<void> {
    await this.recallButton.click();
  }

  /** Types a note and leaves it unsaved (no "Simpan catatan"). */
  async typeNote(text: string): Promise<void> {
    await this.noteInput.fill(text);
  }

  /** What the line's out-of-date notice says ("" when the line is up to date). */
  async lineStaleText(): Promise<string> {
    if ((await this.lineStale.count()) === 0) return "";
    return ((await this.lineStale.textContent()) ?? "").trim();
  }

  /** Types in the line's search; returns the numbers the line then shows. */
  async searchLine(query: string): Promise<string[]> {
    await this.page.getByTestId("desk-line-search").fill(query);
    return this.shownNumbers();
  }

  async shownNumbers(): Promise<string[]> {
    return this.lineItems.evaluateAll((items) => items.map((i) => i.getAttribute("data-number") ?? ""));
  }

  /** What each row of the line says of its wait ("menunggu 3 mnt"). */
  async waitedTexts(): Promise<string[]> {
    return this.line.getByTestId("desk-line-waited").allTextContents();
  }

  /** The current consultation's running time ("berjalan 4 mnt"), or "". */
  async runningText(): Promise<string> {
    const r = this.page.getByTestId("desk-current-running");
    return (await r.count()) ? ((await r.textContent()) ?? "").trim() : "";
  }

  /** Presses a desk shortcut with the focus on the page (not in a field); returns what the desk then says. */
  async pressShortcut(key: string): Promise<string> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(key);
    const status = this.page.getByTestId("desk-status");
    await status.filter({ hasText: /\S/ }).waitFor();
    return ((await status.textContent()) ?? "").trim();
  }

  /** Opens the walk-in dialog from the desk's head. */
  async openWalkIn(): Promise<void> {
    await this.walkInOpenButton.click();
    await this.walkInDialog.waitFor();
  }

  /** How many of this desk's reserved numbers are left, as the walk-in dialog says. */
  async reservedNumbersLeft(): Promise<number> {
    return Number((await this.reservedLeft.getAttribute("data-left")) ?? "0");
  }

  /**
   * Creates a walk-in in the open dialog: with only a number (no profile, no
   * question) when `who` is absent; returns the number on its slip.
   */
  async createWalkIn(who?: {
    name: string;
    position: string;
    institution: string;
    region: string;
    topic: string;
  }): Promise<string> {
    const before = (await this.walkInSlip.count()) > 0 ? await this.walkInSlipNumber.textContent() : null;
    if (who) {
      await this.page.getByTestId("desk-walk-in-name").fill(who.name);
      await this.page.getByTestId("desk-walk-in-position").fill(who.position);
      await this.page.getByTestId("desk-walk-in-institution").fill(who.institution);
      await this.walkInRegion.selectOption({ label: who.region });
      await this.page.getByTestId("desk-walk-in-consent").check();
      await this.page.getByTestId("desk-walk-in-topic").fill(who.topic);
      await this.page.getByTestId("desk-walk-in-question").fill(who.topic);
    } else {
      await this.page.getByTestId("desk-walk-in-anonymous").check();
    }
    await this.page.getByTestId("desk-walk-in-submit").click();
    await this.walkInSlipNumber.filter({ hasNotText: before ?? "\u0000" }).waitFor();
    return ((await this.walkInSlipNumber.textContent()) ?? "").trim();
  }

  /** The region chosen in the walk-in form ("" when none). */
  async walkInRegionValue(): Promise<string> {
    return this.walkInRegion.inputValue();
  }

  /**
   * Presses "Cetak tiket" with the browser's print dialog replaced by a
   * recorder, then lays the page out for print: returns whether print was
   * asked for, the printed slip's size in CSS px, and the elements that would
   * print besides the slip.
   */
  async printSlip(): Promise<{ printed: boolean; width: number; height: number; alsoPrinted: number }> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __printed?: number };
      w.__printed = 0;
      window.print = () => {
        w.__printed = (w.__printed ?? 0) + 1;
      };
    });
    await this.walkInPrintButton.click();
    await this.page.emulateMedia({ media: "print" });
    try {
      return await this.page.evaluate(() => {
        const slip = document.querySelector<HTMLElement>('[data-testid="desk-walk-in-slip"]');
        const box = slip?.getBoundingClientRect();
        // visible elements with their own text that are not part of the slip
        const alsoPrinted = [...document.body.querySelectorAll<HTMLElement>("body *")].filter(
          (el) =>
            !slip?.contains(el) &&
            getComputedStyle(el).visibility === "visible" &&
            [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== ""),
        ).length;
        return {
          printed: ((window as unknown as { __printed?: number }).__printed ?? 0) > 0,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          alsoPrinted,
        };
      });
    } finally {
      await this.page.emulateMedia({ media: null });
      await this.page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    }
  }

  async closeWalkIn(): Promise<void> {
    await this.page.getByTestId("desk-walk-in-close").click();
    await this.walkInDialog.waitFor({ state: "hidden" });
  }

  async addNote(text: string): Promise<void> {
    const before = await this.notes.count();
    await this.noteInput.fill(text);
    await this.saveNoteButton.click();
    await this.notes.nth(before).waitFor();
  }

  async closeWithOutcome(kind: OutcomeKind, topic: string, advice: string): Promise<void> {
    const id = await this.currentTicketId();
    await this.outcomeForm.getByTestId(`desk-outcome-${kind}`).check();
    await this.outcomeTopic.fill(topic);
    await this.outcomeAdvice.fill(advice);
    await this.closeButton.click();
    await this.page.locator(`[data-testid="desk-current"][data-ticket-id="${id}"]`).waitFor({ state: "detached" });
  }

  /** The whole consultation at the table: start, notes, outcome, close. */
  async logConsultation(c: Consultation): Promise<void> {
    await this.startConsultation();
    for (const note of c.notes) await this.addNote(note);
    await this.closeWithOutcome(c.outcome, c.topic, c.advice);
  }

  /** Takes a ticket in from a picture of its QR code (the scanner's file input). */
  async scanTicketImage(png: Buffer): Promise<string> {
    await this.scanFileInput.setInputFiles({ name: "ticket-qr.png", mimeType: "image/png", buffer: png });
    await this.scanResult.waitFor();
    return ((await this.scanResult.textContent()) ?? "").trim();
  }

  /** Takes a ticket in with the camera (what it films is the test's to choose: harness/camera.ts). */
  async scanTicketWithCamera(): Promise<string> {
    await this.page.getByTestId("desk-scan-camera").click();
    await this.scanResult.waitFor({ timeout: 15_000 });
    return ((await this.scanResult.textContent()) ?? "").trim();
  }

  /** The notice that told this desk it lost a ticket to another table, if any. */
  conflictAbout(number: string): Locator {
    return this.conflicts.filter({ hasText: number });
  }

  /** The table a conflict notice names as the ticket's holder ("… ditangani Meja K1": 1). */
  async conflictHolderTable(number: string): Promise<number | null> {
    const text = ((await this.conflictAbout(number).first().textContent()) ?? "").replace(number, "");
    const match = text.match(/\bMeja [KSAP](\d{1,2})\b/);
    return match?.[1] ? Number(match[1]) : null;
  }

  /**
   * From now on, counts the layout shifts that move the "call next" button (the
   * browser's own layout-shift entries). A button that moves between the press
   * and the release of a click loses the click: the suite once did, on a busy
   * machine, as the sync badge grew and shrank above the line (issue 13).
   */
  async watchCallButtonMoves(): Promise<void> {
    await this.callNextButton.evaluate((button) => {
      const w = window as unknown as { __callButtonMoves?: string[] };
      w.__callButtonMoves = [];
      new PerformanceObserver((list) => {
        type Source = { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
        for (const entry of list.getEntries() as (PerformanceEntry & { sources?: Source[] })[]) {
          const sources = entry.sources ?? [];
          if (!sources.some((s) => s.node?.contains(button))) continue;
          // what moved, and by how much: the first names the culprit when the test fails
          const described = sources.map((s) => {
            const name =
              s.node instanceof Element ? s.node.getAttribute("data-testid") || s.node.className || s.node.nodeName : "?";
            return `${name} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`;
          });
          w.__callButtonMoves?.push(described.join("; "));
        }
      }).observe({ type: "layout-shift" });
    });
  }

  /** The layout shifts that moved the "call next" button since `watchCallButtonMoves` (each described; empty when none). */
  async callButtonMoves(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __callButtonMoves?: string[] }).__callButtonMoves ?? []);
  }

  /** Records in the page the wall-clock moment of the next "call next" click (for latency). */
  async markCallClick(): Promise<void> {
    await this.callNextButton.evaluate((button) => {
      button.addEventListener(
        "click",
        () => {
          (window as unknown as { __clickedAt?: number }).__clickedAt = Date.now();
        },
        { capture: true, once: true },
      );
    });
  }

  async callClickedAt(): Promise<number> {
    const at = await this.page.evaluate(() => (window as unknown as { __clickedAt?: number }).__clickedAt);
    if (at === undefined) throw new Error("no call click was recorded (markCallClick first)");
    return at;
  }

  /** The sync badge's phase: idle, syncing, offline, error, … */
  async syncPhase(): Promise<string | null> {
    return this.syncBadge.getAttribute("data-phase", { timeout: 1000 }).catch(() => null);
  }

  /**
   * Runs one whole sync round now (push, then pull what the server holds) with
   * the badge's "sync now", and waits for its end: after it, the desk has every
   * operation the server had when the round began.
   */
  async syncRound(): Promise<void> {
    await this.syncBadge.and(this.page.locator('[data-phase="idle"]')).waitFor();
    await this.syncBadge.evaluate(
      (badge) =>
        new Promise<void>((resolve, reject) => {
          const seen = new MutationObserver(() => {
            if (badge.getAttribute("data-phase") !== "syncing") return;
            seen.disconnect();
            resolve();
          });
          seen.observe(badge, { attributes: true, attributeFilter: ["data-phase"] });
          const button = badge.querySelector<HTMLButtonElement>('[data-testid="sync-now"]');
          if (!button) reject(new Error("the sync badge offers no sync-now button"));
          button?.click();
        }),
    );
    await this.waitUntilSynced();
  }

  /** Every change of this desk acknowledged by the server. */
  async waitUntilSynced(): Promise<void> {
    await this.syncBadge.and(this.page.locator('[data-phase="idle"]')).waitFor();
    await this.pendingChanges.waitFor({ state: "hidden" });
  }
}
