import { useState } from "preact/hooks";
import { busyElsewhere } from "../../core/desk-view.ts";
import { hlcWall } from "../../core/hlc.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { formatTime } from "../format.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { matchesTicket, minutesBetween } from "./line-search.ts";
import { deskMessages } from "./messages.ts";
import { ticketLabel } from "./ticket-label.ts";

/** The domain's line in order, each with a call button; then recent no-shows that can be called back. */
export function LineList(p: {
  line: readonly TicketState[];
  noShows: readonly TicketState[];
  tickets: readonly TicketState[];
  people: ReadonlyMap<string, ParticipantState>;
  deskId: string;
  timeZone: string | undefined;
  busy: boolean;
  /** the time now (ms), ticking: each row says how long it has waited */
  now: number;
  onCall: (t: TicketState) => void;
}) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const [query, setQuery] = useState("");
  const row = (t: TicketState, i: number | null) => {
    const l = ticketLabel(t, p.people);
    const busy = busyElsewhere(p.tickets, t, p.deskId)[0];
    return (
      <li key={t.id} class="line-item" data-testid="desk-line-item" data-number={l.number}>
        <div class="line-main">
          {i !== null && <span class="line-place">{i + 1}.</span>}
          <strong class="ticket-number" data-testid="desk-line-number">
            {l.number}
          </strong>
          {l.provisional && <span class="pill">{m.provisional}</span>}
          {t.priority && <span class="pill priority">{m.priority}</span>}
          {!t.participantId && <span class="pill">{m.walkIn}</span>}
        </div>
        <div class="line-detail">
          {l.profile && <span class="user-text">{l.profile.name}</span>}
          {t.question && <span class="user-text muted">{t.question.topic}</span>}
          <span class="muted">{m.arrived(formatTime(hlcWall(t.arrivedAt), lang, p.timeZone))}</span>
          {i !== null && (
            <span class="line-waited" data-testid="desk-line-waited">
              {m.waited(minutesBetween(hlcWall(t.arrivedAt), p.now))}
            </span>
          )}
          {busy && (
            <span class="pill warn" data-testid="desk-line-busy">
              {busy.status === "serving"
                ? m.busyElsewhere(busy.number, busy.deskId ?? "")
                : m.busyCalled(busy.number, busy.deskId ?? "")}
            </span>
          )}
        </div>
        <button
          type="button"
          class="secondary"
          data-testid="desk-call-ticket"
          disabled={p.busy}
          aria-label={m.callThis(l.number)}
          onClick={() => p.onCall(t)}
        >
          {m.callThis(l.number)}
        </button>
      </li>
    );
  };
  const shown = p.line.flatMap((t, i) => {
    const l = ticketLabel(t, p.people);
    return matchesTicket({ number: l.number, name: l.profile?.name ?? null }, query) ? [{ t, i }] : [];
  });
  return (
    <>
      <p class="muted" data-testid="desk-line-count">
        {m.lineCount(p.line.length)}
      </p>
      {p.line.length > 0 && (
        <div class="field line-search">
          <label for="desk-line-search">{m.searchLine}</label>
          <input
            id="desk-line-search"
            type="search"
            data-testid="desk-line-search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          {query.trim() && shown.length === 0 && <p class="muted">{m.searchNone}</p>}
        </div>
      )}
      <ol class="line-list" data-testid="desk-line">
        {shown.map(({ t, i }) => row(t, i))}
      </ol>
      {p.noShows.length > 0 && (
        <details class="no-shows">
          <summary>
            {m.noShow} ({p.noShows.length})
          </summary>
          <ul class="line-list" data-testid="desk-no-shows">
            {p.noShows.slice(0, 30).map((t) => row(t, null))}
          </ul>
        </details>
      )}
    </>
  );
}
