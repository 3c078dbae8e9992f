import { useEffect, useState } from "preact/hooks";
import { busyElsewhere } from "../../core/desk-view.ts";
import type { DeskId, DomainCode } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import { hlcWall } from "../../core/hlc.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import type { OperationDraft } from "./desk-session.ts";
import { closeDrafts, deskDrafts } from "./drafts.ts";
import { minutesBetween } from "./line-search.ts";
import { deskMessages } from "./messages.ts";
import { OutcomeForm } from "./OutcomeForm.tsx";
import { shortcutFor } from "./shortcuts.ts";
import { ticketLabel } from "./ticket-label.ts";

/** The consultation at hand: who, what they asked, the actions, notes and the outcome. */
export function CurrentTicket(p: {
  ticket: TicketState | null;
  alsoHeld: readonly TicketState[];
  tickets: readonly TicketState[];
  people: ReadonlyMap<string, ParticipantState>;
  deskId: DeskId;
  otherDomains: readonly DomainCode[];
  event: LoketEvent | null;
  busy: boolean;
  /** the time now (ms), ticking */
  now: number;
  /** true once the drafts are stored */
  run: (drafts: OperationDraft[]) => Promise<boolean>;
}) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [toDomain, setToDomain] = useState<DomainCode | "">("");
  const held = p.ticket ? [p.ticket, ...p.alsoHeld] : [];
  const t = held.find((x) => x.id === selected) ?? p.ticket;

  useEffect(() => setNote(""), [t?.id]);

  if (!t) {
    return (
      <p class="muted" data-testid="desk-no-current">
        {m.noCurrent}
      </p>
    );
  }
  const l = ticketLabel(t, p.people);
  const busy = busyElsewhere(p.tickets, t, p.deskId);
  const called = t.status === "called";
  const saveNote = () => {
    const text = note.trim();
    if (!text) return;
    void p.run([deskDrafts.note(t.id, p.deskId, text)]).then((ok) => ok && setNote(""));
  };
  const domainName = (d: DomainCode) => p.event?.domains.find((x) => x.code === d)?.name[lang] ?? d;

  return (
    <div class="current" data-testid="desk-current" data-status={t.status} data-ticket-id={t.id}>
      <div class="current-head">
        <span class="current-number" data-testid="desk-current-number">
          {l.number}
        </span>
        <span class={called ? "pill warn" : "pill ok"} data-testid="desk-current-status">
          {called ? m.statusCalled(t.callCount) : m.statusServing}
        </span>
        {t.priority && <span class="pill priority">{m.priority}</span>}
        {t.status === "serving" && t.startedAt && (
          <span class="pill" data-testid="desk-current-running">
            {m.running(minutesBetween(hlcWall(t.startedAt), p.now))}
          </span>
        )}
      </div>
      {busy.map((b) => (
        <p key={b.ticketId} class="notice warn" role="status" data-testid="desk-busy-elsewhere">
          {b.status === "serving" ? m.busyElsewhere(b.number, b.deskId ?? "") : m.busyCalled(b.number, b.deskId ?? "")}
        </p>
      ))}
      {l.profile && (
        <dl class="profile">
          <dt>{m.participant}</dt>
          <dd class="user-text" data-testid="desk-current-name">
            {l.profile.name}
          </dd>
          <dd class="user-text muted">
            {l.profile.position} · {l.profile.institution}
          </dd>
        </dl>
      )}
      <h3>{m.question}</h3>
      {t.question ? (
        <div data-testid="desk-current-question">
          <p class="user-text">
            <strong>{t.question.topic}</strong>
          </p>
          {/* a topic alone: the participant asks at the table */}
          {t.question.text && <p class="user-text">{t.question.text}</p>}
        </div>
      ) : (
        <p class="muted">{m.noQuestion}</p>
      )}
      {t.conflicts.map((c) =>
        c.kind === "lateEdit" && c.question ? (
          // merge rule 4: the edit is kept aside, not applied; the desk still sees what the participant wanted to add
          <div class="notice" role="note" data-testid="desk-late-edit" key={c.opId}>
            <p>{m.lateEdit}</p>
            <p class="user-text">
              <strong>{c.question.topic}</strong>
            </p>
            {c.question.text && <p class="user-text">{c.question.text}</p>}
          </div>
        ) : null,
      )}

      <div class="actions">
        {called && (
          <>
            <button
              type="button"
              data-testid="desk-start"
              aria-keyshortcuts="S"
              disabled={p.busy}
              onClick={() => void p.run([deskDrafts.start(t.id, p.deskId)])}
            >
              {m.start} <kbd>S</kbd>
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="desk-recall"
              aria-keyshortcuts="R"
              disabled={p.busy}
              onClick={() => void p.run([deskDrafts.recall(t.id, p.deskId)])}
            >
              {m.recall} <kbd>R</kbd>
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="desk-skip"
              aria-keyshortcuts="L"
              disabled={p.busy}
              onClick={() => void p.run([deskDrafts.skip(t.id, p.deskId)])}
            >
              {m.skip} <kbd>L</kbd>
            </button>
            <button
              type="button"
              class="danger"
              data-testid="desk-no-show"
              aria-keyshortcuts="X"
              disabled={p.busy}
              onClick={() => void p.run([deskDrafts.noShow(t.id, p.deskId)])}
            >
              {m.noShow} <kbd>X</kbd>
            </button>
          </>
        )}
      </div>

      <form
        class="transfer"
        onSubmit={(e) => {
          e.preventDefault();
          if (toDomain) void p.run([deskDrafts.transfer(t.id, p.deskId, toDomain)]).then((ok) => ok && setToDomain(""));
        }}
      >
        <label for="desk-transfer-to">{m.transferTo}</label>
        <select
          id="desk-transfer-to"
          data-testid="desk-transfer-domain"
          value={toDomain}
          onChange={(e) => setToDomain(e.currentTarget.value as DomainCode | "")}
        >
          <option value="">—</option>
          {p.otherDomains.map((d) => (
            <option key={d} value={d}>
              {d} — {domainName(d)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary" data-testid="desk-transfer" disabled={!toDomain || p.busy}>
          {m.doTransfer}
        </button>
      </form>

      <h3>{m.notes}</h3>
      <ul class="notes" data-testid="desk-notes">
        {t.notes.map((n) => (
          <li key={n.id} class="user-text">
            {n.text}
          </li>
        ))}
      </ul>
      <div class="field">
        <label for="desk-note">{m.noteLabel}</label>
        <textarea
          id="desk-note"
          data-testid="desk-note-input"
          value={note}
          maxLength={4000}
          onInput={(e) => setNote(e.currentTarget.value)}
          onKeyDown={(e) => {
            const a = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inTextField: true });
            if (a === "saveNote") {
              e.preventDefault();
              saveNote();
            }
          }}
        />
      </div>
      <button
        type="button"
        class="secondary"
        data-testid="desk-save-note"
        aria-keyshortcuts="Control+Enter"
        disabled={!note.trim() || p.busy}
        onClick={saveNote}
      >
        {m.saveNote} <kbd>Ctrl+Enter</kbd>
      </button>

      {t.status === "serving" && (
        <OutcomeForm
          key={t.id}
          initialTopic={t.question?.topic ?? ""}
          busy={p.busy}
          onClose={(outcome) =>
            p.run(closeDrafts(t.id, p.deskId, outcome, note)).then((ok) => {
              if (ok) setNote("");
            })
          }
        />
      )}

      {p.alsoHeld.length > 0 && (
        <div class="also-held">
          <h3>{m.alsoHeld}</h3>
          <ul>
            {held
              .filter((x) => x.id !== t.id)
              .map((x) => (
                <li key={x.id}>
                  <button type="button" class="link" data-testid="desk-also-held" onClick={() => setSelected(x.id)}>
                    {m.select} {ticketLabel(x, p.people).number}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      )}
    </div>
  );
}
