import { useMemo, useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { useMessages } from "../i18n/define.ts";
import { TextField } from "../ui/TextField.tsx";
import { adminMessages } from "./messages.ts";
import { type ParticipantRow, participantList } from "./participant-rows.ts";
import { participantsMessages } from "./participants-messages.ts";
import { TableWrap } from "./TableWrap.tsx";
import { statusText } from "./TicketLog.tsx";

/**
 * The participants this device holds, with a search, and the erasure of one
 * participant's data on their request (the participant can also do it on their
 * phone; this is for one who asks the organizer). Recorded here like every
 * other change, so it works offline and reaches the server at the next sync.
 */
export function Participants({
  event,
  participants,
  tickets,
  onErase,
}: {
  event: LoketEvent;
  participants: readonly ParticipantState[];
  tickets: readonly TicketState[];
  onErase: (row: ParticipantRow) => Promise<void>;
}) {
  const m = useMessages(participantsMessages);
  const am = useMessages(adminMessages);
  const [search, setSearch] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const list = useMemo(
    () => participantList(participants, tickets, event.regions, search),
    [participants, tickets, event.regions, search],
  );

  async function erase(row: ParticipantRow): Promise<void> {
    setConfirming(null);
    try {
      await onErase(row);
      setMessage({ ok: true, text: m.erased(row.profile.name) });
    } catch (e) {
      setMessage({ ok: false, text: m.failed(e instanceof Error ? e.message : String(e)) });
    }
  }

  return (
    <section aria-labelledby="admin-participants-title" data-testid="admin-participants">
      <h2 id="admin-participants-title">{m.heading}</h2>
      <p>{m.intro}</p>
      <TextField
        id="admin-participant-search"
        label={m.search}
        testId="admin-participant-search"
        autocomplete="off"
        value={search}
        onValue={setSearch}
      />
      <p class="muted" aria-live="polite">
        {m.count(list.rows.length, list.total)} {list.erased > 0 && m.erasedCount(list.erased)}
      </p>
      {message && (
        <p class={`notice ${message.ok ? "ok" : "bad"}`} role={message.ok ? "status" : "alert"} data-testid="admin-erase-message">
          <span class="user-text">{message.text}</span>
        </p>
      )}
      <TableWrap>
        <table data-testid="admin-participant-table">
          <thead>
            <tr>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.work}</th>
              <th scope="col">{m.region}</th>
              <th scope="col">{m.tickets}</th>
              <th scope="col">{m.action}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} data-testid="admin-participant-row" data-participant-id={row.id}>
                <th scope="row" class="user-text">
                  {row.profile.name}
                </th>
                <td class="user-text">
                  {row.profile.position}, {row.profile.institution}
                </td>
                <td class="user-text">{row.region}</td>
                <td>
                  {row.tickets.length === 0
                    ? m.none
                    : row.tickets.map((t) => `${t.number} (${statusText(t.status, am)})`).join(", ")}
                </td>
                <td>
                  {confirming === row.id ? (
                    <fieldset class="confirm">
                      <legend class="user-text">{m.confirm(row.profile.name)}</legend>
                      <button type="button" class="danger" data-testid="admin-erase-confirm" onClick={() => void erase(row)}>
                        {m.confirmYes}
                      </button>{" "}
                      <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                        {m.cancel}
                      </button>
                    </fieldset>
                  ) : (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={m.eraseLabel(row.profile.name)}
                      data-testid="admin-erase"
                      onClick={() => {
                        setMessage(null);
                        setConfirming(row.id);
                      }}
                    >
                      {m.erase}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
