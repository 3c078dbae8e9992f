import { useMemo } from "preact/hooks";
import type { Outcome } from "../../core/operation.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import { displayNumber, type TicketState, type TicketStatus } from "../../core/ticket-fold.ts";
import { useMessages } from "../i18n/define.ts";
import { type AdminMessages, adminMessages } from "./messages.ts";
import { TableWrap } from "./TableWrap.tsx";

/** Every ticket with its question and outcome, in order of arrival; names and free text only with personal data. */
export function TicketLog({
  tickets,
  participants,
  personal,
}: {
  tickets: readonly TicketState[];
  participants: readonly ParticipantState[];
  personal: boolean;
}) {
  const m = useMessages(adminMessages);
  const people = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const rows = useMemo(() => tickets.filter((t) => t.known).sort((a, b) => (a.arrivedAt < b.arrivedAt ? -1 : 1)), [tickets]);
  return (
    <TableWrap>
      <table data-testid="report-tickets">
        <thead>
          <tr>
            <th scope="col">{m.ticket}</th>
            <th scope="col">{m.status}</th>
            <th scope="col">{m.desk}</th>
            {personal && <th scope="col">{m.participant}</th>}
            <th scope="col">{m.question}</th>
            <th scope="col">{m.outcome}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => {
            const profile = t.participantId ? (people.get(t.participantId)?.profile ?? null) : null;
            return (
              <tr key={t.id} data-testid="report-row" data-number={displayNumber(t).text}>
                <th scope="row" class="ticket-no">
                  {displayNumber(t).text}
                </th>
                <td>{statusText(t.status, m)}</td>
                <td>{t.holder ?? m.none}</td>
                {personal && (
                  <td class="user-text">{profile ? `${profile.name} — ${profile.position}, ${profile.institution}` : m.none}</td>
                )}
                <td class="user-text">
                  {t.question ? <strong>{t.question.topic}</strong> : m.none}
                  {personal && t.question && <div>{t.question.text}</div>}
                </td>
                <td class="user-text">{t.outcome ? `${outcomeText(t.outcome, m)}: ${t.outcome.topic}` : m.none}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function statusText(s: TicketStatus, m: AdminMessages): string {
  const map: Record<TicketStatus, string> = {
    waiting: m.statusWaiting,
    called: m.statusCalled,
    serving: m.statusServing,
    done: m.statusDone,
    noShow: m.statusNoShow,
    cancelled: m.statusCancelled,
  };
  return map[s];
}

function outcomeText(o: Outcome, m: AdminMessages): string {
  return o.kind === "answered" ? m.outcomeAnswered : o.kind === "followUp" ? m.outcomeFollowUp : m.outcomeReferred;
}
