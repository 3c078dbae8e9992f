import type { Locator, Page } from "playwright-core";
import { AppShell } from "./app-shell.ts";

/** What a participant fills in once (the region as the list shows it, e.g. "Kabupaten Badung"). */
export interface Profile {
  name: string;
  position: string;
  institution: string;
  region: string;
  phone?: string;
}

export type Score = 1 | 2 | 3 | 4;
export type DomainCode = "K" | "S" | "A" | "P";
export type TicketStatus = "waiting" | "called" | "serving" | "done" | "noShow" | "cancelled";

/**
 * One of the participant's tickets, known by its id. The phone lists tickets
 * as cards; a card opens the ticket's own screen (state, QR code, outcome,
 * survey). Reading or acting on the ticket opens its screen when needed.
 */
export class Ticket {
  readonly participant: ParticipantPage;
  readonly id: string;
  readonly card: Locator;
  readonly screen: Locator;
  readonly number: Locator;
  readonly status: Locator;
  readonly topic: Locator;
  readonly question: Locator;
  readonly place: Locator;
  readonly qrToggle: Locator;
  readonly qr: Locator;
  readonly outcome: Locator;
  readonly advice: Locator;
  readonly cancelButton: Locator;
  readonly survey: Locator;
  readonly surveyDone: Locator;
  readonly editQuestionButton: Locator;
  readonly editQuestionForm: Locator;
  readonly editTopicInput: Locator;
  readonly editTextInput: Locator;
  readonly editSubmit: Locator;
  readonly lateEditNotice: Locator;
  /** "Beri tahu saya saat dipanggil" and what it became (data-state: offer, on, waiting, fallback) */
  readonly notifyMe: Locator;
  readonly notifyMeButton: Locator;
  readonly notifyMeFallback: Locator;

  constructor(participant: ParticipantPage, id: string) {
    const page = participant.page;
    this.participant = participant;
    this.id = id;
    this.card = participant.ticketCards.and(page.locator(`[data-ticket-id="${id}"]`));
    this.screen = page.getByTestId("ticket-screen").and(page.locator(`[data-ticket-id="${id}"]`));
    this.number = this.screen.getByTestId("ticket-number");
    this.status = this.screen.getByTestId("ticket-status");
    this.topic = this.screen.getByTestId("ticket-topic");
    this.question = this.screen.getByTestId("ticket-question");
    this.place = this.screen.getByTestId("ticket-place");
    this.qrToggle = this.screen.getByTestId("ticket-qr-toggle");
    this.qr = this.screen.getByTestId("ticket-qr");
    this.outcome = this.screen.getByTestId("ticket-outcome");
    this.advice = this.outcome.getByTestId("outcome-advice");
    this.cancelButton = this.screen.getByTestId("cancel-ticket");
    this.survey = this.screen.getByTestId("skm-form");
    this.surveyDone = this.screen.getByTestId("skm-done");
    this.editQuestionButton = this.screen.getByTestId("edit-question");
    this.editQuestionForm = this.screen.getByTestId("edit-question-form");
    this.editTopicInput = this.editQuestionForm.getByTestId("edit-topic");
    this.editTextInput = this.editQuestionForm.getByTestId("edit-text");
    this.editSubmit = this.editQuestionForm.getByTestId("edit-submit");
    this.lateEditNotice = this.screen.getByTestId("late-edit-notice");
    this.notifyMe = this.screen.getByTestId("notify-me");
    this.notifyMeButton = this.notifyMe.getByTestId("notify-me-button");
    this.notifyMeFallback = this.notifyMe.getByTestId("notify-me-fallback");
  }

  /** Waits until the notify-me part has settled in one of these states, and returns it. */
  async waitForNotifyState(...states: string[]): Promise<string> {
    await this.show();
    const any = states.map((s) => `[data-state="${s}"]`).join(", ");
    await this.notifyMe.and(this.participant.page.locator(any)).waitFor();
    return (await this.notifyMe.getAttribute("data-state")) ?? "";
  }

  /** Taps "Beri tahu saya saat dipanggil". */
  async askToBeNotified(): Promise<void> {
    await this.show();
    await this.notifyMeButton.click();
  }

  /** Shows the ticket's own screen (from the list, or already there). */
  async show(): Promise<void> {
    if (await this.screen.isVisible()) return;
    if (await this.participant.backButton.isVisible()) await this.participant.backButton.click();
    await this.card.click();
    await this.screen.waitFor();
  }

  async numberText(): Promise<string> {
    await this.show();
    return ((await this.number.textContent()) ?? "").trim();
  }

  async currentState(): Promise<string | null> {
    await this.show();
    return this.status.getAttribute("data-status");
  }

  async waitForState(state: TicketStatus): Promise<void> {
    await this.show();
    await this.status.and(this.participant.page.locator(`[data-status="${state}"]`)).waitFor();
  }

  /** Waits for the server's number (K-001) to replace the provisional code. */
  async waitForNumber(): Promise<string> {
    await this.show();
    await this.number.and(this.participant.page.locator('[data-provisional="false"]')).waitFor();
    return this.numberText();
  }

  /** The expected call time as the ticket says it ("Perkiraan dipanggil sekitar 10.40–10.55 WITA"). */
  async callWindowText(): Promise<string> {
    await this.show();
    return (await this.screen.getByTestId("ticket-call-window").textContent()) ?? "";
  }

  /** The table the ticket was called to, as the phone says it ("Meja K1": 1). */
  async calledToTable(): Promise<number | null> {
    const match = (await this.calledToDesk())?.match(/(\d{1,2})$/);
    return match?.[1] ? Number(match[1]) : null;
  }

  /** The desk the ticket was called to, named with its domain as the phone says it ("Meja K1": "K1"). */
  async calledToDesk(): Promise<string | null> {
    await this.show();
    const text = (await this.status.textContent()) ?? "";
    return text.match(/\b([KSAP]\d{1,2})\b/)?.[1] ?? null;
  }

  async adviceText(): Promise<string> {
    await this.show();
    return ((await this.advice.textContent({ timeout: 1000 }).catch(() => "")) ?? "").trim();
  }

  /** The ticket's QR code as a PNG, framed as another device's camera would see it. */
  async qrImage(): Promise<Buffer> {
    await this.show();
    if (!(await this.qr.isVisible())) await this.qrToggle.click();
    await this.qr.locator("svg").waitFor();
    // to the middle of the screen: at its bottom edge, the shell's floating notice
    // ("siap dipakai tanpa internet") can lie over the code for a few seconds
    await this.qr.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const box = await this.qr.locator("svg").boundingBox();
    if (!box) throw new Error("the ticket's QR code is not on screen");
    const margin = 8;
    return this.participant.page.screenshot({
      animations: "disabled",
      clip: {
        x: Math.max(0, box.x - margin),
        y: Math.max(0, box.y - margin),
        width: box.width + 2 * margin,
        height: box.height + 2 * margin,
      },
    });
  }

  /** The question as the phone shows it (the topic, then the text). */
  async questionShown(): Promise<{ topic: string; text: string }> {
    await this.show();
    const topic = ((await this.topic.textContent()) ?? "").trim();
    // the text is drawn with the topic, and only when one was written
    const text = (await this.question.count()) > 0 ? ((await this.question.textContent()) ?? "").trim() : "";
    return { topic, text };
  }

  /** Whether the phone offers to edit the question (only until the consultation starts). */
  async canEditQuestion(): Promise<boolean> {
    await this.show();
    return this.editQuestionButton.isVisible();
  }

  /** Edits the ticket's question (topic and text); works offline too. */
  async editQuestion(topic: string, text: string): Promise<void> {
    await this.show();
    await this.editQuestionButton.click();
    await this.editTopicInput.fill(topic);
    await this.editTextInput.fill(text);
    await this.editSubmit.click();
    await this.editQuestionForm.waitFor({ state: "hidden" });
  }

  /** Waits for the notice that an edit arrived after the consultation began; returns its words. */
  async waitForLateEditNotice(): Promise<string> {
    await this.show();
    await this.lateEditNotice.waitFor();
    return ((await this.lateEditNotice.textContent()) ?? "").trim();
  }

  /**
   * Answers every SKM question of the survey, then sends it: one score (1..4) for
   * all, or a list taken in turn (the i-th question gets scores[i % length]).
   * Returns the score given per element number (from the question's test id).
   */
  async rate(score: Score | readonly Score[], comment?: string): Promise<Record<number, Score>> {
    await this.show();
    const form = this.survey;
    await form.waitFor();
    const elements = form.locator('fieldset[data-testid^="skm-element-"]');
    const n = await elements.count();
    const list = Array.isArray(score) ? score : [score as Score];
    const given: Record<number, Score> = {};
    for (let i = 0; i < n; i++) {
      const s = list[i % list.length] ?? 4;
      const element = Number(((await elements.nth(i).getAttribute("data-testid")) ?? "").replace("skm-element-", ""));
      await elements.nth(i).locator(`input[type=radio][value="${s}"]`).check();
      given[element] = s;
    }
    if (comment) await form.getByTestId("skm-comment").fill(comment);
    await form.getByTestId("skm-submit").click();
    await this.surveyDone.waitFor();
    return given;
  }

  /** Waits for the SKM survey, offered once the consultation is closed. */
  async waitForSurvey(): Promise<void> {
    await this.show();
    await this.survey.waitFor();
  }

  /** Waits for the survey's thanks: this ticket was rated. */
  async waitForSurveyDone(): Promise<void> {
    await this.show();
    await this.surveyDone.waitFor();
  }
}

/** The participant's phone (`/`): join, register with consent, take tickets, follow them, rate the service. */
export class ParticipantPage extends AppShell {
  readonly joinScreen: Locator;
  readonly joinEvent: Locator;
  readonly joinCode: Locator;
  readonly joinSubmit: Locator;

  readonly registerForm: Locator;
  readonly nameInput: Locator;
  readonly positionInput: Locator;
  readonly institutionInput: Locator;
  readonly regionSelect: Locator;
  readonly phoneInput: Locator;
  readonly consentCheckbox: Locator;
  readonly registerSubmit: Locator;
  readonly profileName: Locator;

  readonly takeTicketButton: Locator;
  readonly takeTicketForm: Locator;
  readonly topicInput: Locator;
  readonly topicChoices: Locator;
  readonly textInput: Locator;
  readonly takeTicketSubmit: Locator;

  readonly hello: Locator;
  readonly ticketCards: Locator;
  readonly backButton: Locator;
  readonly syncBadge: Locator;
  readonly pendingChanges: Locator;

  constructor(page: Page, baseUrl: string) {
    // the participant app, whichever of its screens shows: join, register, my tickets, take a ticket, one ticket
    super(
      page,
      baseUrl,
      "/",
      page
        .locator(
          ["join-screen", "register-form", "participant-hello", "take-ticket-form", "ticket-screen", "erased"]
            .map((id) => `[data-testid="${id}"]`)
            .join(", "),
        )
        .first(),
    );
    this.joinScreen = page.getByTestId("join-screen");
    this.joinEvent = page.getByTestId("join-event");
    this.joinCode = page.getByTestId("join-code");
    this.joinSubmit = page.getByTestId("join-submit");

    this.registerForm = page.getByTestId("register-form");
    this.nameInput = page.getByTestId("reg-name");
    this.positionInput = page.getByTestId("reg-position");
    this.institutionInput = page.getByTestId("reg-institution");
    this.regionSelect = page.getByTestId("reg-region");
    this.phoneInput = page.getByTestId("reg-phone");
    this.consentCheckbox = page.getByTestId("reg-consent");
    this.registerSubmit = page.getByTestId("reg-submit");
    this.profileName = page.getByTestId("profile-name");

    this.takeTicketButton = page.getByTestId("take-ticket");
    this.takeTicketForm = page.getByTestId("take-ticket-form");
    this.topicInput = page.getByTestId("take-topic");
    this.topicChoices = page.getByTestId("take-topic-choices");
    this.textInput = page.getByTestId("take-question");
    this.takeTicketSubmit = page.getByTestId("take-submit");

    this.hello = page.getByTestId("participant-hello");
    this.ticketCards = page.getByTestId("ticket-card");
    this.backButton = page.getByTestId("ticket-back");
    this.syncBadge = page.getByTestId("sync-badge");
    this.pendingChanges = page.getByTestId("sync-pending");
  }

  /** Waits for the screen that says this participant's data has been erased. */
  async waitForErased(): Promise<void> {
    await this.page.getByTestId("erased").waitFor();
  }

  /** Opens any address of the participant app, as a scanned poster would (`url` absolute). */
  async openLink(url: string): Promise<void> {
    await this.page.goto(url);
    await this.root.waitFor();
  }

  /** What the join screen's fields hold (event id, code). */
  async joinFields(): Promise<{ eventId: string; code: string }> {
    await this.joinScreen.waitFor();
    return { eventId: await this.joinEvent.inputValue(), code: await this.joinCode.inputValue() };
  }

  /** Opens the event's QR link (what the participant scans at the venue). */
  async joinByLink(eventId: string, code: string): Promise<void> {
    await this.open(`?event=${encodeURIComponent(eventId)}&code=${encodeURIComponent(code)}`);
  }

  async register(profile: Profile): Promise<void> {
    await this.registerForm.waitFor();
    await this.nameInput.fill(profile.name);
    await this.positionInput.fill(profile.position);
    await this.institutionInput.fill(profile.institution);
    await this.regionSelect.selectOption({ label: profile.region });
    if (profile.phone) await this.phoneInput.fill(profile.phone);
    await this.consentCheckbox.check();
    await this.registerSubmit.click();
    await this.registerForm.waitFor({ state: "hidden" });
  }

  /** The ids of the participant's tickets, as the list shows them. */
  async ticketIds(): Promise<string[]> {
    await this.showTickets();
    const ids = await this.ticketCards.evaluateAll((cards) => cards.map((c) => c.getAttribute("data-ticket-id") ?? ""));
    return ids.filter((id) => id !== "");
  }

  /** Back to the list of tickets, from a ticket's screen. */
  async showTickets(): Promise<void> {
    if (await this.backButton.isVisible()) await this.backButton.click();
    try {
      await this.hello.waitFor();
    } catch (e) {
      // Seen rarely in full-suite runs: say what the phone showed instead, to find out why.
      const shown = (
        await this.page
          .locator("main")
          .textContent()
          .catch(() => null)
      )?.slice(0, 600);
      throw new Error(`the participant's home screen did not show; the phone showed: ${JSON.stringify(shown)}`, { cause: e });
    }
  }

  /** Opens the take-ticket form from the home screen. */
  async openTakeTicket(): Promise<void> {
    await this.showTickets();
    await this.takeTicketButton.click();
    await this.takeTicketForm.waitFor();
  }

  /**
   * The take-ticket form as the participant reads it, top to bottom: its parts
   * in order ("domains", "topic", "question"), each domain's line on what it
   * covers, and the one-tap topics on offer now.
   */
  async takeTicketFormShown(): Promise<{ order: string[]; covers: Record<string, string>; choices: string[] }> {
    const order = await this.takeTicketForm
      .locator('[data-testid="take-domains"], [data-testid="take-topic"], [data-testid="take-question"]')
      .evaluateAll((els) => els.map((e) => (e.getAttribute("data-testid") ?? "").replace("take-", "")));
    const covers: Record<string, string> = {};
    for (const box of await this.takeTicketForm.locator('input[data-testid^="take-domain-"]').all()) {
      const code = ((await box.getAttribute("data-testid")) ?? "").replace("take-domain-", "");
      const line = this.page.locator(`#${(await box.getAttribute("aria-describedby")) ?? "none"}`);
      covers[code] = ((await line.textContent()) ?? "").trim();
    }
    const choices = (await this.topicChoices.count()) > 0 ? await this.topicChoices.getByRole("button").allTextContents() : [];
    return { order, covers, choices: choices.map((c) => c.trim()) };
  }

  /** Leaves the take-ticket form without taking a number. */
  async leaveTakeTicket(): Promise<void> {
    await this.takeTicketForm.getByRole("button", { name: /^(Kembali|Back)$/ }).click();
    await this.hello.waitFor();
  }

  /** Ticks a domain on the open take-ticket form (without submitting). */
  async chooseDomain(domain: DomainCode): Promise<void> {
    await this.takeTicketForm.getByTestId(`take-domain-${domain}`).check();
  }

  /**
   * Takes a ticket for one or several domains: the domains first, then the topic
   * (typed, or `choose`n among the form's one-tap topics), then the question's
   * text when one is given (it is optional). Returns the new ticket of the first domain.
   */
  async takeTicket(
    domains: DomainCode | DomainCode[],
    topic: string,
    text = "",
    how: "type" | "choose" = "type",
  ): Promise<Ticket> {
    const list = Array.isArray(domains) ? domains : [domains];
    await this.showTickets();
    const before = new Set(await this.ticketIds());
    if (!(await this.takeTicketForm.isVisible())) await this.takeTicketButton.click();
    for (const d of list) await this.takeTicketForm.getByTestId(`take-domain-${d}`).check();
    if (how === "choose") await this.topicChoices.getByRole("button", { name: topic, exact: true }).click();
    else await this.topicInput.fill(topic);
    if (text) await this.textInput.fill(text);
    await this.takeTicketSubmit.click();
    await this.takeTicketForm.waitFor({ state: "hidden" });
    // One new ticket opens its own screen, but only once the store's live query has it:
    // until then the list shows for a moment. Wait for that screen, so that going back is not raced.
    if (list.length === 1) await this.backButton.waitFor();
    await this.showTickets();
    await this.ticketCards.nth(before.size + list.length - 1).waitFor();
    const fresh = (await this.ticketIds()).filter((id) => !before.has(id));
    const first = await this.ticketOf(list[0] ?? "K", fresh);
    if (!first) throw new Error(`no new ticket for ${list[0]}`);
    return first;
  }

  /** The participant's newest ticket of a domain (its number, given or provisional, starts with the domain's letter). */
  async ticketFor(domain: DomainCode): Promise<Ticket> {
    await this.showTickets();
    const t = await this.ticketOf(domain, await this.ticketIds());
    if (!t) throw new Error(`the phone has no ticket for ${domain}`);
    return t;
  }

  private async ticketOf(domain: DomainCode, ids: string[]): Promise<Ticket | null> {
    for (const id of ids) {
      const number = await this.ticketCards
        .and(this.page.locator(`[data-ticket-id="${id}"]`))
        .getByTestId("ticket-card-number")
        .textContent();
      if (number?.trim().startsWith(domain)) return new Ticket(this, id);
    }
    return null;
  }

  /** The manifest link of the page (for the installability spec). */
  async manifestHref(): Promise<string> {
    const href = await this.page.locator('link[rel="manifest"]').getAttribute("href");
    if (!href) throw new Error("the page links no web app manifest");
    return new URL(href, this.page.url()).href;
  }

  async syncPhase(): Promise<string | null> {
    return this.syncBadge.getAttribute("data-phase", { timeout: 1000 }).catch(() => null);
  }

  /** Every change of this phone acknowledged by the server. */
  async waitUntilSynced(): Promise<void> {
    await this.syncBadge.and(this.page.locator('[data-phase="idle"]')).waitFor();
    await this.pendingChanges.waitFor({ state: "hidden" });
  }
}
